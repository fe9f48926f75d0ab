package org.evshard.transforms.select;

/**
 * What {@link DistributionMatching} gives for one class: the optimised synthetic images (normalised HWC floats, one
 * row per image) and the loss before each iteration's step, {@code ||mu_real - mu_syn||^2} under that iteration's net.
 * The accessors return copies.
 */
public final class DistilledClass {

  private final float[][] images;
  private final double[] losses;
  private final int[] nets;

  DistilledClass(float[][] images, double[] losses, int[] nets) {
    this.images = images;
    this.losses = losses;
    this.nets = nets;
  }

  /** The synthetic images, {@code [ipc][height * width * channels]}, in the normalised space. */
  public float[][] images() {
    float[][] out = new float[images.length][];
    for (int j = 0; j < images.length; j++) {
      out[j] = images[j].clone();
    }
    return out;
  }

  /** Loss at the start of each iteration (before its step). */
  public double[] losses() {
    return losses.clone();
  }

  /** The index (in the pool) of the net each iteration used: {@code i mod M}. */
  public int[] nets() {
    return nets.clone();
  }

  public int iterations() {
    return losses.length;
  }
}
