package org.evshard.transforms.select;

import java.util.List;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;

/**
 * Distribution Matching (Zhao and Bilen, "Dataset Condensation with Distribution Matching", WACV 2023; reference code
 * {@code VICO-UoE/DatasetCondensation main_DM.py}), CPU edition, for one class: synthetic images are optimised so that
 * their mean embedding under random ConvNets matches the real class mean.
 *
 * <p>Iteration {@code i} uses net {@code k = i mod M} of a fixed pool of {@code M} seeded {@link RandomConvNet}s:
 * {@code loss = ||mu_real[k] - mean_j embed_k(syn_j)||^2}; the gradient of the loss with respect to the embedding of
 * each synthetic image is {@code -2 (mu_real[k] - mu_syn) / ipc}, taken back to the pixels by
 * {@link ConvNetGradient}; then the step of PyTorch's {@code SGD(lr, momentum)} (no dampening, no Nesterov, no weight
 * decay): {@code v = momentum v + g} ({@code v = g} at the first step), {@code x = x - lr v}. No gradient reaches the
 * nets. The reference sums the loss over classes and steps all of them together; since each class's images only
 * enter its own term and SGD acts per element, running each class alone gives the same images, so the kernel runs
 * per class.
 *
 * <p><b>Deviations</b> from the reference: a fixed pool of {@code M} seeded nets cycled in order instead of a freshly
 * initialised net per iteration; the real mean per net is over all of the class's images, computed once by the
 * caller, instead of a fresh batch of 256 per iteration; no DSA augmentation; the nets' weights come from our own
 * generator ({@link RandomConvNet}); float32 loops on the CPU.
 *
 * <p>Deterministic: the same nets, means and initial images give the same bits. Inputs are never modified. Thread-safe
 * (the nets are read only).
 */
public final class DistributionMatching {

  static final String NAME = "distribution matching";

  private final List<ConvNetGradient> nets;
  private final int iterations;
  private final double lr;
  private final double momentum;

  /**
   * @param nets the pool, all for the same image shape; iteration {@code i} uses {@code nets.get(i % M)}
   * @param iterations SGD steps, at least 1
   * @param lr learning rate on the synthetic pixels (the reference's {@code lr_img}: 1.0), finite and > 0
   * @param momentum SGD momentum (the reference: 0.5), in [0, 1)
   */
  public DistributionMatching(List<RandomConvNet> nets, int iterations, double lr, double momentum) {
    if (nets == null || nets.isEmpty()) {
      throw InvalidParameterException.of(NAME, "nets", "at least one net", nets == null ? "none" : 0);
    }
    RandomConvNet first = nets.get(0);
    for (RandomConvNet n : nets) {
      if (n.channels() != first.channels() || n.height() != first.height() || n.width() != first.width()) {
        throw InvalidParameterException.of(NAME, "nets", "all for the same image shape "
            + first.height() + "x" + first.width() + "x" + first.channels(),
            n.height() + "x" + n.width() + "x" + n.channels());
      }
    }
    Require.positive(NAME, "iterations", iterations);
    Require.positive(NAME, "lr", lr);
    Require.inRange(NAME, "momentum", momentum, 0, 1);
    this.nets = nets.stream().map(ConvNetGradient::new).toList();
    this.iterations = iterations;
    this.lr = lr;
    this.momentum = momentum;
  }

  /**
   * The seed of net {@code k} of a pool drawn from {@code seed}: SplitMix64's finaliser of
   * {@code seed ^ (0x9E3779B97F4A7C15 * (k + 1))} (so that the pools of seeds 0 and 1 do not share nets, as
   * {@code seed + k} would).
   */
  public static long netSeed(long seed, int k) {
    return SeededRandom.mix64(seed ^ (0x9E3779B97F4A7C15L * (k + 1)));
  }

  /** The pool size {@code M}. */
  public int nets() {
    return nets.size();
  }

  /**
   * Optimises one class's synthetic images.
   *
   * @param realMeans the class's real mean embedding under each net of the pool, {@code [M][embeddingDim]}
   * @param initial the initial synthetic images, {@code [ipc][height * width * channels]}, normalised floats (e.g.
   *     {@link RandomConvNet#normalise} of real images, the reference's {@code init=real})
   */
  public DistilledClass run(float[][] realMeans, float[][] initial) {
    RandomConvNet shape = nets.get(0).net();
    int dim = shape.embeddingDim();
    int length = shape.height() * shape.width() * shape.channels();
    if (realMeans == null || realMeans.length != nets.size()) {
      throw InvalidParameterException.of(NAME, "real means", "one per net (" + nets.size() + ")",
          realMeans == null ? "none" : realMeans.length);
    }
    for (float[] m : realMeans) {
      if (m.length != dim) {
        throw InvalidParameterException.of(NAME, "real mean length", "the embedding dimension " + dim, m.length);
      }
      requireFinite("real means", m);
    }
    if (initial == null || initial.length == 0) {
      throw InvalidParameterException.of(NAME, "initial images", "at least one (ipc >= 1)", 0);
    }
    float[][] x = new float[initial.length][];
    for (int j = 0; j < initial.length; j++) {
      if (initial[j].length != length) {
        throw InvalidParameterException.of(NAME, "initial image length", "height * width * channels = " + length,
            initial[j].length);
      }
      requireFinite("initial images", initial[j]);
      x[j] = initial[j].clone();
    }
    int ipc = x.length;
    float[][] velocity = new float[ipc][length];
    double[] losses = new double[iterations];
    int[] used = new int[iterations];
    float lrF = (float) lr;
    float momentumF = (float) momentum;
    ConvNetTrace[] traces = new ConvNetTrace[ipc];
    float[] dEmbedding = new float[dim];
    for (int it = 0; it < iterations; it++) {
      int k = it % nets.size();
      used[it] = k;
      ConvNetGradient net = nets.get(k);
      double[] sum = new double[dim];
      for (int j = 0; j < ipc; j++) {
        traces[j] = net.forward(x[j]);
        float[] e = traces[j].embeddingView();
        for (int d = 0; d < dim; d++) {
          sum[d] += e[d];
        }
      }
      double loss = 0;
      for (int d = 0; d < dim; d++) {
        double diff = realMeans[k][d] - sum[d] / ipc;
        loss += diff * diff;
        dEmbedding[d] = (float) (-2 * diff / ipc);
      }
      losses[it] = loss;
      for (int j = 0; j < ipc; j++) {
        float[] g = net.inputGradient(traces[j], dEmbedding);
        float[] v = velocity[j];
        float[] xj = x[j];
        for (int p = 0; p < length; p++) {
          v[p] = it == 0 ? g[p] : momentumF * v[p] + g[p];
          xj[p] -= lrF * v[p];
        }
        traces[j] = null;
      }
    }
    return new DistilledClass(x, losses, used);
  }

  /** The loss {@code ||mu_real[k] - mean_j embed_k(images_j)||^2} of {@code images} under net {@code k}. */
  public double loss(float[][] realMeans, float[][] images, int k) {
    RandomConvNet net = nets.get(k).net();
    int dim = net.embeddingDim();
    double[] sum = new double[dim];
    for (float[] image : images) {
      float[] e = net.embed(image);
      for (int d = 0; d < dim; d++) {
        sum[d] += e[d];
      }
    }
    double loss = 0;
    for (int d = 0; d < dim; d++) {
      double diff = realMeans[k][d] - sum[d] / images.length;
      loss += diff * diff;
    }
    return loss;
  }

  private static void requireFinite(String what, float[] v) {
    for (float f : v) {
      if (!Float.isFinite(f)) {
        throw InvalidParameterException.of(NAME, what, "finite numbers", f);
      }
    }
  }
}
