package org.evshard.transforms.select;

/**
 * What one forward pass of a {@link RandomConvNet} keeps for {@link ConvNetGradient#inputGradient}: per block the
 * input size, the normalised pre-ReLU activations {@code xhat} (HWC; the ReLU mask is {@code xhat > 0}) and the
 * per-channel {@code 1 / sqrt(var + eps)}; and the embedding. Immutable to callers: {@link #embedding()} returns a copy.
 */
public final class ConvNetTrace {

  /** One block: input {@code h x w x in}, conv output {@code ho x wo x 128}. */
  record Block(int h, int w, int in, int ho, int wo, float[] xhat, float[] inv) {}

  private final RandomConvNet net;
  private final Block[] blocks;
  private final float[] embedding;

  ConvNetTrace(RandomConvNet net, Block[] blocks, float[] embedding) {
    this.net = net;
    this.blocks = blocks;
    this.embedding = embedding;
  }

  /** The embedding of the traced image (a copy), equal to {@link RandomConvNet#embed(float[])} of it. */
  public float[] embedding() {
    return embedding.clone();
  }

  RandomConvNet net() {
    return net;
  }

  Block block(int b) {
    return blocks[b];
  }

  /** The embedding itself, for the package's kernels that only read it. */
  float[] embeddingView() {
    return embedding;
  }
}
