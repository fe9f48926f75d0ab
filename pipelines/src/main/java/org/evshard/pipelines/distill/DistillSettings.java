package org.evshard.pipelines.distill;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code evshard distill} run (Distribution Matching, {@link org.evshard.transforms.select.DistributionMatching}).
 *
 * @param input a folder of image shards written by evshard (its {@code manifest.json} lists them)
 * @param output the folder for the synthetic images' shards, {@code errors.jsonl} and the manifest
 * @param ipc synthetic images per class
 * @param iterations SGD iterations per class
 * @param nets size of the fixed pool of seeded random ConvNets
 * @param seed seed of the nets and of the choice of the initial real images
 * @param lr learning rate on the synthetic pixels (normalised space)
 * @param momentum SGD momentum
 * @param imageSize side of the square RGB images the nets see (and the synthetic images have)
 * @param split the split whose rows are distilled, or {@code all} for every row
 */
public record DistillSettings(Path input, Path output, int ipc, int iterations, int nets, long seed, double lr,
    double momentum, int imageSize, String split, boolean overwrite, boolean progress, List<String> beamArgs) {

  public static final int DEFAULT_ITERATIONS = 200;
  public static final int DEFAULT_NETS = 4;
  public static final double DEFAULT_LR = 1.0;
  public static final double DEFAULT_MOMENTUM = 0.5;
  public static final int DEFAULT_IMAGE_SIZE = 32;
  public static final String ALL_SPLITS = "all";

  public DistillSettings {
    if (ipc < 1 || iterations < 1 || nets < 1) {
      throw new IllegalArgumentException("ipc, iterations and nets must be >= 1, got " + ipc + ", " + iterations
          + ", " + nets);
    }
    if (!(lr > 0) || Double.isInfinite(lr) || !(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("lr must be > 0 and momentum in [0, 1), got " + lr + ", " + momentum);
    }
    if (imageSize < 8) {
      throw new IllegalArgumentException("image size must be >= 8 (three 2 x 2 poolings), got " + imageSize);
    }
    if (split == null || split.isBlank()) {
      throw new IllegalArgumentException("split must not be blank (use " + ALL_SPLITS + " for every row)");
    }
    beamArgs = List.copyOf(beamArgs);
  }

  /** What the workers need. */
  DmParameters dm() {
    return new DmParameters(ipc, iterations, nets, seed, lr, momentum, imageSize, split);
  }
}
