package org.evshard.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.jhdf.filter.Filter;
import java.nio.file.Path;
import java.util.Random;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;

/**
 * Builds HDF5 test files with jhdf's writer, following the DSEC layout ({@code events/{x,y,t,p}}, {@code t_offset},
 * {@code ms_to_idx}). No real HDF5 recording small enough to carry was found (fixtures SOURCES.md), so these are
 * spec-built, not camera output; jhdf cannot write compound datasets, so Prophesee's {@code CD/events} compound is
 * not built here.
 */
final class Hdf5Files {

  private Hdf5Files() {}

  /** Random events with non-decreasing t, x below 640, y below 480. */
  static Events randomEvents(long seed, int n) {
    Random r = new Random(seed);
    EventsBuilder b = new EventsBuilder();
    long t = r.nextInt(1000);
    for (int i = 0; i < n; i++) {
      t += r.nextInt(20);
      b.add((short) r.nextInt(640), (short) r.nextInt(480), t, r.nextBoolean());
    }
    return b.build();
  }

  /**
   * Writes {@code e} in the DSEC layout: x, y uint16-like int16, t int64 (relative), p int8, a scalar t_offset and
   * root attributes width/height when {@code withGeometry}. {@code chunk > 0} writes chunked, deflated datasets.
   */
  static void writeDsec(Path file, Events e, long tOffset, boolean withGeometry, int chunk) {
    int n = e.size();
    byte[] p = new byte[n];
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = (byte) (e.p()[i] ? 1 : 0);
      t[i] = e.t()[i] - tOffset;
    }
    DatasetCreationOptions o = chunk > 0
        ? DatasetCreationOptions.builder().chunkDimensions(chunk).shuffle().deflate().build()
        : DatasetCreationOptions.DEFAULT;
    try (WritableHdfFile w = HdfFile.write(file)) {
      WritableGroup g = w.putGroup("events");
      g.putDataset("p", p, o);
      g.putDataset("t", t, o);
      g.putDataset("x", e.x().clone(), o);
      g.putDataset("y", e.y().clone(), o);
      w.putDataset("ms_to_idx", new long[] {0, 1, 2});
      w.putDataset("t_offset", new long[] {tOffset});
      if (withGeometry) {
        w.putAttribute("width", 640);
        w.putAttribute("height", 480);
      }
    }
  }

  /** A stand-in for the HDF5 Blosc2 filter: same id, so jhdf's reader has no decoder for it. */
  static final class FakeBlosc2 implements Filter {
    @Override
    public int getId() {
      return 32026;
    }

    @Override
    public String getName() {
      return "blosc2";
    }

    @Override
    public byte[] decode(byte[] encoded, int[] data) {
      return encoded;
    }

    @Override
    public byte[] encode(byte[] data, int[] filterData) {
      return data;
    }
  }

  /** {@code CD/events} written through the Blosc2 filter id, which evshard does not decode. */
  static void writeProphesseBlosc2(Path file) {
    DatasetCreationOptions o = DatasetCreationOptions.builder().chunkDimensions(4).filter(new FakeBlosc2()).build();
    try (WritableHdfFile w = HdfFile.write(file)) {
      WritableGroup g = w.putGroup("CD");
      g.putDataset("events", new long[] {1, 2, 3, 4, 5, 6, 7, 8}, o);
    }
  }
}
