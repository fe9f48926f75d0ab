package org.evshard.pipelines.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.image.ImageHeaderProbe;
import org.evshard.io.image.ImageLimits;
import org.evshard.io.image.ImageTooLargeException;

/**
 * Reads the still image that {@code simulate} and the image codings ({@code rate_code}, {@code latency_code},
 * {@code saccade}) start from, with errors that name the file: a missing file or a folder as the other commands
 * report them, the encoded size and a PNG's, JPEG's or WebP's claimed pixel count checked against
 * {@link ImageLimits#defaults()} before anything is decoded (as {@code curate} does), and a decoder's failure
 * (ImageIO's bare "Error skipping PNG metadata") with the file's name.
 */
final class StillImage {

  private StillImage() {
  }

  static BufferedImage read(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + ": is a folder, expected an image (PNG, JPEG, BMP, GIF)");
    }
    ImageLimits limits = ImageLimits.defaults();
    long size = Files.size(file);
    if (size > limits.maxEncodedBytes()) {
      throw new ImageTooLargeException(file.toString(), 0, "encoded image size in bytes", size,
          limits.maxEncodedBytes());
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      ImageHeaderProbe.probe(bytes, file.toString(), limits);
    } catch (UnsupportedFormatException e) {
      // BMP, GIF, ...: no header probe of ours; ImageIO decides below
    }
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + ": cannot decode the image (corrupt or truncated?): "
          + e.getMessage(), e);
    }
    if (img == null) {
      throw new IllegalArgumentException(file + ": not an image ImageIO can read (PNG, JPEG, BMP, GIF)");
    }
    return img;
  }
}
