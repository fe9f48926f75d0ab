package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.image.ExactResize;
import org.evshard.io.image.ImageDecoder;
import org.evshard.io.image.ImageLimits;
import org.evshard.io.shard.StaticImage;

/** Reads a planned static partner and scales it as {@link PairingSettings} says, on the worker that writes the row. */
public final class StaticImageLoader implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String root;
  private final int width;
  private final int height;
  private final boolean valueChannel;
  private final ImageLimits limits;
  private transient ImageDecoder decoder;

  public StaticImageLoader(String root, PairingSettings settings, ImageLimits limits) {
    this.root = root;
    this.width = settings.width();
    this.height = settings.height();
    this.valueChannel = settings.valueChannel();
    this.limits = limits;
  }

  /**
   * @throws IOException the file cannot be read
   * @throws org.evshard.io.error.EvshardIoException the image is corrupt, unsupported or over the limits (the
   *     message names the file)
   */
  public StaticImage load(StaticRef ref) throws IOException {
    if (decoder == null) {
      decoder = new ImageDecoder(limits);
    }
    Path file = Path.of(root).resolve(ref.source());
    long size = Files.size(file);
    if (size > limits.maxEncodedBytes()) {
      throw new LimitExceededException(ref.source(), 0, "encoded image bytes", size, limits.maxEncodedBytes());
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) size);
    }
    byte[] px = ExactResize.pixels(decoder, bytes, ref.source(), width, height, valueChannel);
    return new StaticImage(ref.source(), ref.labelName(), width, height, valueChannel ? 1 : 3, px);
  }
}
