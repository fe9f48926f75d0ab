package org.evshard.io.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;

/** Seeded random sample rows for tests and the throughput main. */
final class RandomRows {

  private static final String[] SPLITS = {"train", "test", "val"};

  private RandomRows() {
  }

  /** A row with {@code n} events: random x/y within the sensor, increasing t, random polarity. */
  static SampleRow row(SplittableRandom rnd, int index, int n) {
    int width = 1 + rnd.nextInt(1280);
    int height = 1 + rnd.nextInt(720);
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    long time = rnd.nextLong(1L << 40);
    for (int i = 0; i < n; i++) {
      x[i] = (short) rnd.nextInt(width);
      y[i] = (short) rnd.nextInt(height);
      time += rnd.nextInt(50);
      t[i] = time;
      p[i] = rnd.nextBoolean();
    }
    int label = rnd.nextInt(10);
    String split = SPLITS[rnd.nextInt(SPLITS.length)];
    return new SampleRow("s-" + index + "-" + Long.toHexString(rnd.nextLong()), "synthetic", split, label,
        "class_" + label + (rnd.nextBoolean() ? "_é" : ""), split + "/" + label + "/" + index + ".bin", width, height,
        Events.wrap(x, y, t, p));
  }

  /** {@code count} rows of 0..maxEvents events, plus one empty row and one row of 100,000 events (extreme values). */
  static List<SampleRow> mixed(long seed, int count, int maxEvents) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<SampleRow> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(row(rnd, i, rnd.nextInt(maxEvents + 1)));
    }
    rows.add(rnd.nextInt(count + 1), row(rnd, count, 0));
    SampleRow big = row(rnd, count + 1, 100_000);
    big.events().x()[0] = Short.MIN_VALUE;
    big.events().x()[1] = Short.MAX_VALUE;
    big.events().t()[0] = Long.MIN_VALUE;
    big.events().t()[99_999] = Long.MAX_VALUE;
    rows.add(rnd.nextInt(rows.size() + 1), big);
    return rows;
  }
}
