package org.evshard.transforms.points;

import java.util.Arrays;
import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TransformException;

/**
 * The events form of {@link SpikeVoxel}: counts events into voxels {@code (ix, iy, it)} and writes the sparse rows in
 * lexicographic order. A pixel's plane cell is {@code (ix, iy)} as given per column and per row; only the cells that
 * pixels reach are numbered ({@code rank(ix) * ny + rank(iy)}, in lexicographic order), so the cell count is at most
 * the sensor's pixel count whatever the grid.
 *
 * <p>Three exact paths give the same rows, chosen by the grid's size against the number of events:
 * <ul>
 *   <li>{@link Path#DENSE}: one counter per voxel (ON count in the low 32 bits, OFF in the high), stored time bin by
 *       time bin; a time-ordered recording then increments one bin's plane at a time, which stays in the L1 cache.</li>
 *   <li>{@link Path#CELL_SORT}: a stable counting sort of the events by cell; each cell's events, in time order (a
 *       cell whose events are not is sorted on its own), give its rows in one pass.</li>
 *   <li>{@link Path#ID_SORT}: the full voxel ids sorted by {@link VoxelRows}, for planes too large to histogram.</li>
 * </ul>
 */
final class EventVoxels {

  /** How the events are counted; {@link #AUTO} picks by size, the others are for tests. */
  enum Path { AUTO, DENSE, CELL_SORT, ID_SORT }

  /** Counting sort by cell: at most this many cells, and at most 4 per event or 65536. */
  static final long CELLS_MAX = 1 << 24;

  private EventVoxels() {}

  /**
   * @param ixOf {@code ix} of every column {@code x}, non-decreasing
   * @param iyOf {@code iy} of every row {@code y}, non-decreasing
   * @param grid {@code (BX, BY, BT)}
   * @param timeOrdered whether the timestamps are non-decreasing (then runs of one time bin are found by search)
   */
  static Tensor rows(String name, Events events, SensorSize sensor, long[] ixOf, long[] iyOf, long[] grid,
      TimeBins bins, long tMin, boolean timeOrdered, long maxSpikes, long timeSteps, Path path) {
    int n = events.size();
    Cells cells = new Cells(ixOf, iyOf);
    Path p = path == Path.AUTO ? choose(cells.count, grid[2], n) : path;
    int cols = (int) (3 + VoxelRows.FEATURES + timeSteps);
    Out out = new Out(name, cols, maxSpikes, timeSteps);
    switch (p) {
      case DENSE -> dense(name, events, sensor, cells, (int) grid[2], bins, tMin, timeOrdered, out);
      case CELL_SORT -> cellSort(name, events, sensor, cells, bins, tMin, timeOrdered, out);
      default -> {
        return idSort(name, events, sensor, ixOf, iyOf, grid, bins, tMin, timeOrdered, maxSpikes, timeSteps);
      }
    }
    return out.tensor();
  }

  /** The path {@link Path#AUTO} takes for {@code cells} reachable plane cells, {@code bt} time bins, {@code n} events. */
  static Path choose(long cells, long bt, int n) {
    long voxels = cells * bt; // cells <= 2^32, bt <= 2^20: no overflow
    // the dense bounds of VoxelRows: one 8-byte counter per voxel here, as many bytes as its two int arrays
    if (voxels <= VoxelRows.DENSE_MAX && voxels <= Math.max(VoxelRows.DENSE_MIN, VoxelRows.DENSE_PER_ENTRY * n)) {
      return Path.DENSE;
    }
    return cells <= CELLS_MAX && cells <= Math.max(1 << 16, 4L * n) ? Path.CELL_SORT : Path.ID_SORT;
  }

  private static void dense(String name, Events events, SensorSize sensor, Cells cells, int nb, TimeBins bins,
      long tMin, boolean timeOrdered, Out out) {
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    int[] cx = cells.ofX;
    int[] cy = cells.ofY;
    int plane = (int) cells.count;
    long[] acc = new long[plane * nb];
    bins.forEachRun(events.t(), tMin, timeOrdered, (from, to, bin) -> {
      int base = bin * plane;
      try {
        for (int i = from; i < to; i++) {
          acc[base + cx[xs[i]] + cy[ys[i]]] += ps[i] ? 1L : 1L << 32;
        }
      } catch (ArrayIndexOutOfBoundsException e) {
        throw offSensor(name, xs, ys, from, to, sensor);
      }
    });
    int occupied = 0;
    for (long a : acc) {
      occupied += a == 0 ? 0 : 1;
    }
    long[] d = out.allocate(occupied);
    int cols = out.cols;
    long cap = out.maxSpikes;
    long steps = out.timeSteps;
    for (int gx = 0, cell = 0, o = 0; gx < cells.nx; gx++) {
      long ix = cells.ix[gx];
      for (int gy = 0; gy < cells.ny; gy++, cell++) {
        long iy = cells.iy[gy];
        for (int b = 0, at = cell; b < nb; b++, at += plane) {
          long a = acc[at];
          if (a != 0) {
            long on = a & 0xFFFF_FFFFL;
            long off = a >>> 32;
            d[o] = ix;
            d[o + 1] = iy;
            d[o + 2] = b;
            VoxelRows.features(d, o + 3, on + off, on - off, cap, steps);
            o += cols;
          }
        }
      }
    }
  }

  private static void cellSort(String name, Events events, SensorSize sensor, Cells cells, TimeBins bins, long tMin,
      boolean timeOrdered, Out out) {
    int n = events.size();
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    int[] cx = cells.ofX;
    int[] cy = cells.ofY;
    int count = (int) cells.count;
    int[] end = new int[count + 1];
    int[] cellOf = new int[n];
    int[] key = new int[n]; // time bin << 1 | polarity
    bins.forEachRun(events.t(), tMin, timeOrdered, (from, to, bin) -> {
      try {
        for (int i = from; i < to; i++) {
          int c = cx[xs[i]] + cy[ys[i]];
          cellOf[i] = c;
          end[c + 1]++;
          key[i] = bin << 1 | (ps[i] ? 1 : 0);
        }
      } catch (ArrayIndexOutOfBoundsException e) {
        throw offSensor(name, xs, ys, from, to, sensor);
      }
    });
    for (int c = 1; c <= count; c++) {
      end[c] += end[c - 1];
    }
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) { // stable: each cell keeps its events' order; end[c] moves to the cell's end
      sorted[end[cellOf[i]]++] = key[i];
    }
    int rows = 0;
    for (int c = 0, begin = 0; c < count; begin = end[c++]) {
      int stop = end[c];
      for (int i = begin + 1; i < stop; i++) {
        if (sorted[i] >>> 1 < sorted[i - 1] >>> 1) { // events of this cell out of time order
          Arrays.sort(sorted, begin, stop);
          break;
        }
      }
      for (int i = begin; i < stop; i++) {
        rows += i == begin || sorted[i] >>> 1 != sorted[i - 1] >>> 1 ? 1 : 0;
      }
    }
    out.allocate(rows);
    for (int gx = 0, c = 0, begin = 0; gx < cells.nx; gx++) {
      for (int gy = 0; gy < cells.ny; gy++, begin = end[c++]) {
        int stop = end[c];
        for (int i = begin; i < stop; ) {
          int b = sorted[i] >>> 1;
          long on = 0;
          int j = i;
          for (; j < stop && sorted[j] >>> 1 == b; j++) {
            on += sorted[j] & 1;
          }
          long k = j - i;
          out.row(cells.ix[gx], cells.iy[gy], b, k, 2 * on - k);
          i = j;
        }
      }
    }
  }

  private static Tensor idSort(String name, Events events, SensorSize sensor, long[] ixOf, long[] iyOf, long[] grid,
      TimeBins bins, long tMin, boolean timeOrdered, long maxSpikes, long timeSteps) {
    int n = events.size();
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    long by = grid[1];
    long bt = grid[2];
    long[] ids = new long[n];
    byte[] signs = new byte[n];
    bins.forEachRun(events.t(), tMin, timeOrdered, (from, to, bin) -> {
      try {
        for (int i = from; i < to; i++) {
          ids[i] = (ixOf[xs[i]] * by + iyOf[ys[i]]) * bt + bin;
          signs[i] = (byte) (ps[i] ? 1 : -1);
        }
      } catch (ArrayIndexOutOfBoundsException e) {
        throw offSensor(name, xs, ys, from, to, sensor);
      }
    });
    VoxelRows rows = new VoxelRows(name, grid, n, true);
    rows.addAll(ids, signs, n);
    return rows.rows(maxSpikes, timeSteps);
  }

  /**
   * The error for the first event of {@code [from, to)} off the sensor. The counting loops need no check of their
   * own: every per-column and per-row table spans exactly the sensor, so such an event fails the table's index check.
   */
  private static TransformException offSensor(String name, short[] xs, short[] ys, int from, int to,
      SensorSize sensor) {
    int w = sensor.width();
    int h = sensor.height();
    for (int i = from; i < to; i++) {
      int x = xs[i];
      int y = ys[i];
      if ((x | y | (w - 1 - x) | (h - 1 - y)) < 0) {
        return Require.outsideSensor(name, i, x, y, sensor);
      }
    }
    throw new IllegalStateException(name + ": index out of range with every event of [" + from + ", " + to
        + ") on the sensor");
  }

  /** The plane cells pixels reach: distinct {@code ix} and {@code iy} values and every pixel's cell number. */
  private static final class Cells {
    final long[] ix;
    final long[] iy;
    final int nx;
    final int ny;
    final long count;
    final int[] ofX;
    final int[] ofY;

    Cells(long[] ixOf, long[] iyOf) {
      int[] rx = ranks(ixOf);
      int[] ry = ranks(iyOf);
      ix = distinct(ixOf, rx);
      iy = distinct(iyOf, ry);
      nx = ix.length;
      ny = iy.length;
      count = (long) nx * ny;
      ofX = new int[rx.length];
      ofY = ry;
      if (count <= Integer.MAX_VALUE - 1) {
        for (int x = 0; x < rx.length; x++) {
          ofX[x] = rx[x] * ny;
        }
      }
    }

    private static int[] ranks(long[] values) {
      int[] out = new int[values.length];
      for (int i = 1; i < values.length; i++) {
        out[i] = out[i - 1] + (values[i] != values[i - 1] ? 1 : 0);
      }
      return out;
    }

    private static long[] distinct(long[] values, int[] ranks) {
      long[] out = new long[values.length == 0 ? 0 : ranks[ranks.length - 1] + 1];
      for (int i = 0; i < values.length; i++) {
        out[ranks[i]] = values[i];
      }
      return out;
    }
  }

  /** The output rows {@code [ix, iy, it, features...]}, written in order. */
  private static final class Out {
    private final String name;
    private final int cols;
    private final long maxSpikes;
    private final long timeSteps;
    private long[] data;
    private int rows;
    private int at;

    Out(String name, int cols, long maxSpikes, long timeSteps) {
      this.name = name;
      this.cols = cols;
      this.maxSpikes = maxSpikes;
      this.timeSteps = timeSteps;
    }

    long[] allocate(int rowCount) {
      rows = rowCount;
      data = new long[Tensor.checkedSize(name, Long.BYTES, rowCount, cols)];
      return data;
    }

    void row(long ix, long iy, long it, long count, long balance) {
      long[] d = data;
      d[at] = ix;
      d[at + 1] = iy;
      d[at + 2] = it;
      VoxelRows.features(d, at + 3, count, balance, maxSpikes, timeSteps);
      at += cols;
    }

    Tensor tensor() {
      return Tensor.ofInt64(new long[] {rows, cols}, data);
    }
  }
}
