package org.evshard.pipelines.curate;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.evshard.transforms.curate.ClipScoreFilter;

/**
 * The pool-wide CLIP score threshold of {@code clip_score --fraction}: every score of the pool is gathered (4 bytes a
 * row: 51 MB for DataComp's 12.8 M "small" pool) and the threshold is DataComp's sort-based order statistic
 * ({@link ClipScoreFilter#thresholdForFraction(float[], double)}), so the kept uids are exactly DataComp's.
 */
final class ClipThresholdFn extends CombineFn<Float, ClipThresholdFn.Scores, Double> {

  private final double fraction;

  ClipThresholdFn(double fraction) {
    this.fraction = fraction;
  }

  /** A growable float buffer. */
  static final class Scores implements Serializable {
    float[] values = new float[1024];
    int size;

    void add(float v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = v;
    }
  }

  @Override
  public Scores createAccumulator() {
    return new Scores();
  }

  @Override
  public Scores addInput(Scores acc, Float score) {
    acc.add(score);
    return acc;
  }

  @Override
  public Scores mergeAccumulators(Iterable<Scores> accs) {
    Scores merged = new Scores();
    for (Scores a : accs) {
      for (int i = 0; i < a.size; i++) {
        merged.add(a.values[i]);
      }
    }
    return merged;
  }

  @Override
  public Double extractOutput(Scores acc) {
    if (acc.size == 0) {
      return Double.NaN;
    }
    return (double) ClipScoreFilter.thresholdForFraction(Arrays.copyOf(acc.values, acc.size), fraction);
  }
}
