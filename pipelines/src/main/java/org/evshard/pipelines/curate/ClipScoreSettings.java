package org.evshard.pipelines.curate;

import java.io.Serializable;

/**
 * DataComp's {@code clip_score} filter settings: keep {@code score >= threshold}, the threshold given or derived from
 * the fraction of the whole pool to keep ({@link org.evshard.transforms.curate.ClipScoreFilter}), on the B/32 or L/14
 * score column.
 */
public record ClipScoreSettings(Double threshold, Double fraction, String arch) implements Serializable {

  public ClipScoreSettings {
    if ((threshold == null) == (fraction == null)) {
      throw new IllegalArgumentException("clip_score needs exactly one of --threshold and --fraction");
    }
    if (fraction != null && !(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("--fraction must be within 0..1, got " + fraction);
    }
    if (!arch.equals("b32") && !arch.equals("l14")) {
      throw new IllegalArgumentException("--arch must be b32 or l14, got " + arch);
    }
  }
}
