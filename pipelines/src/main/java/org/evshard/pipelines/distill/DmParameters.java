package org.evshard.pipelines.distill;

import java.io.Serializable;

/** The part of {@link DistillSettings} the workers need (serialisable, no paths). */
record DmParameters(int ipc, int iterations, int nets, long seed, double lr, double momentum, int imageSize,
    String split) implements Serializable {

  /** Whether a row of {@code rowSplit} is distilled. */
  boolean takes(String rowSplit) {
    return DistillSettings.ALL_SPLITS.equals(split) || split.equals(rowSplit);
  }
}
