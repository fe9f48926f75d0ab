package org.evshard.transforms.points;

import java.util.Arrays;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Tensor;

/**
 * Turns per-entry voxel ids into the sparse rows of {@link SpikeVoxel}: one int64 row per occupied voxel in increasing
 * id order, {@code [coordinates..., count, balance, spikes, b_0 .. b_{T-1}]}. A voxel id is the mixed-radix number of
 * the coordinates ({@code dims}, most significant first), so increasing ids are the lexicographic coordinate order.
 *
 * <p>Two exact paths, chosen by the grid's size against the number of entries: a dense count over every voxel id
 * (small grids), or a sort of the ids packed with their polarity (radix sort when they fit in 31 bits).
 */
final class VoxelRows {

  /**
   * Grids of up to this many voxels per entry (at least {@link #DENSE_MIN}, at most {@link #DENSE_MAX}) are counted
   * densely. The cap keeps the two count arrays (1 MiB) in the L2 cache: scattered increments into larger arrays
   * miss it on nearly every event and were three times slower than sorting here.
   */
  static final long DENSE_PER_ENTRY = 8;
  static final long DENSE_MIN = 1 << 12;
  static final long DENSE_MAX = 1 << 17;
  /** Columns after the coordinates and before the binary steps: count, balance, spikes. */
  static final int FEATURES = 3;
  /** Largest id range: ids are packed with two polarity bits into a long. */
  static final long MAX_VOXELS = 1L << 60;

  private final String transform;
  private final long[] dims;
  private final long total;
  private final boolean dense;
  private final int[] count;
  private final int[] balance;
  private final long[] keys;
  private final long[] strides;
  private final long[] digits;
  private long current;
  private int entries;
  private int occupied;

  /** Longest id step that {@link #advance} takes by carrying instead of dividing. */
  private static final long SHORT_STEP = 64;

  /**
   * @param dims the extent of each coordinate, most significant first
   * @param capacity how many entries {@link #add} will receive
   */
  VoxelRows(String transform, long[] dims, int capacity) {
    this(transform, dims, capacity, false);
  }

  /** With {@code forceSort}, always the sort path (tests compare the two paths). */
  VoxelRows(String transform, long[] dims, int capacity, boolean forceSort) {
    this.transform = transform;
    this.dims = dims.clone();
    long t = 1;
    for (long d : dims) {
      if (d < 1 || t > MAX_VOXELS / d) {
        throw new InvalidParameterException(transform + ": the grid " + Arrays.toString(dims) + " has more than 2^60 "
            + "voxels");
      }
      t *= d;
    }
    this.total = t;
    this.strides = new long[dims.length];
    this.digits = new long[dims.length];
    long stride = 1;
    for (int d = dims.length - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= dims[d];
    }
    this.dense = !forceSort && t <= DENSE_MAX && t <= Math.max(DENSE_MIN, DENSE_PER_ENTRY * capacity);
    this.count = dense ? new int[(int) t] : null;
    this.balance = dense ? new int[(int) t] : null;
    this.keys = dense ? null : new long[capacity];
  }

  boolean dense() {
    return dense;
  }

  /**
   * Counts {@code n} entries: entry {@code i} in voxel {@code ids[i]} (in {@code [0, total)}) with polarity
   * {@code signs[i]} (+1 ON, -1 OFF, 0 none). The arrays are only read.
   */
  void addAll(long[] ids, byte[] signs, int n) {
    if (dense) {
      int[] c = count;
      int[] b = balance;
      int occ = occupied;
      for (int i = 0; i < n; i++) {
        int v = (int) ids[i];
        occ += c[v] == 0 ? 1 : 0;
        c[v]++;
        b[v] += signs[i];
      }
      occupied = occ;
    } else {
      long[] k = keys;
      for (int i = 0; i < n; i++) {
        k[entries + i] = ids[i] << 2 | (signs[i] + 1);
      }
    }
    entries += n;
  }

  /** The rows, {@code int64 (V, dims + 3 + timeSteps)}. */
  Tensor rows(long maxSpikes, long timeSteps) {
    int coords = dims.length;
    int cols = (int) (coords + FEATURES + timeSteps);
    if (dense) {
      long[] out = new long[Tensor.checkedSize(transform, Long.BYTES, occupied, cols)];
      int o = 0;
      for (int v = 0; v < count.length; v++) {
        int c = count[v];
        if (c != 0) {
          row(out, o, v, c, balance[v], maxSpikes, timeSteps);
          o += cols;
        }
      }
      return Tensor.ofInt64(new long[] {occupied, cols}, out);
    }
    sort(keys, entries, 64 - Long.numberOfLeadingZeros(Math.max(1, total - 1)) + 2);
    int v = 0;
    for (int i = 0; i < entries; i++) {
      if (i == 0 || keys[i] >>> 2 != keys[i - 1] >>> 2) {
        v++;
      }
    }
    long[] out = new long[Tensor.checkedSize(transform, Long.BYTES, v, cols)];
    int o = -cols;
    long id = -1;
    long c = 0;
    long bal = 0;
    for (int i = 0; i <= entries; i++) {
      long next = i < entries ? keys[i] >>> 2 : -2;
      if (next != id) {
        if (id >= 0) {
          row(out, o, id, c, bal, maxSpikes, timeSteps);
        }
        id = next;
        c = 0;
        bal = 0;
        o += cols;
      }
      if (i < entries) {
        c++;
        bal += (keys[i] & 3) - 1;
      }
    }
    return Tensor.ofInt64(new long[] {v, cols}, out);
  }

  private void row(long[] out, int o, long id, long c, long bal, long maxSpikes, long timeSteps) {
    advance(id);
    System.arraycopy(digits, 0, out, o, digits.length);
    features(out, o + dims.length, c, bal, maxSpikes, timeSteps);
  }

  /**
   * Writes a voxel's {@link #FEATURES} features and binary steps at {@code out[at..]}: {@code count, balance,
   * spikes = min(count, maxSpikes)}, then {@code b_s = 1} for {@code s < spikes}, else 0.
   */
  static void features(long[] out, int at, long c, long bal, long maxSpikes, long timeSteps) {
    long spikes = Math.min(c, maxSpikes); // counts are integers: round(count) == count
    out[at] = c;
    out[at + 1] = bal;
    out[at + 2] = spikes;
    for (int s = 0; s < timeSteps; s++) { // branch-free: s - spikes < 0 exactly when s < spikes
      out[at + 3 + s] = (s - spikes) >>> 63;
    }
  }

  /**
   * Moves {@link #digits} (the coordinates of {@link #current}) to voxel {@code id >= current}: by carrying when the
   * step is short (rows come in increasing id order, mostly close together), else by division.
   */
  private void advance(long id) {
    long delta = id - current;
    current = id;
    int last = dims.length - 1;
    if (delta <= SHORT_STEP) {
      digits[last] += delta;
      for (int d = last; d > 0 && digits[d] >= dims[d]; d--) {
        while (digits[d] >= dims[d]) {
          digits[d] -= dims[d];
          digits[d - 1]++;
        }
      }
      return;
    }
    long rest = id;
    for (int d = 0; d < last; d++) {
      long q = rest / strides[d];
      digits[d] = q;
      rest -= q * strides[d];
    }
    digits[last] = rest;
  }

  /** LSD radix sort (11-bit digits) of the first {@code n} keys when they fit in 31 bits, else {@link Arrays#sort}. */
  private static void sort(long[] keys, int n, int bits) {
    if (bits > 31 || n < 64) {
      Arrays.sort(keys, 0, n);
      return;
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = (int) keys[i];
    }
    int[] b = new int[n];
    int[] count = new int[1 << 11];
    for (int shift = 0; shift < bits; shift += 11) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(a[i] >>> shift) & 0x7FF]++;
      }
      int sum = 0;
      for (int d = 0; d < count.length; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        b[count[(a[i] >>> shift) & 0x7FF]++] = a[i];
      }
      int[] tmp = a;
      a = b;
      b = tmp;
    }
    for (int i = 0; i < n; i++) {
      keys[i] = a[i];
    }
  }
}
