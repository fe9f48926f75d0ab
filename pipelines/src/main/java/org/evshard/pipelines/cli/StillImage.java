package org.evshard.pipelines.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.image.ImageHeaderProbe;
import org.evshard.io.image.ImageLimits;
import org.evshard.io.image.ImageTooLargeException;

/**
 * Reads the still image that {@code simulate} and the image codings ({@code rate_code}, {@code latency_code},
 * {@code saccade}) start from, with errors that name the file: a missing file or a folder as the other commands
 * report them, the encoded size and a PNG's, JPEG's or WebP's claimed pixel count checked against
 * {@link ImageLimits#defaults()} before anything is decoded (as {@code curate} does; every format's stated size is
 * checked again by its ImageIO reader before its pixels), a decoder's warning (a JPEG cut short) refused, and a
 * decoder's failure
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
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      java.util.Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException(file + ": not an image ImageIO can read (PNG, JPEG, BMP, GIF)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // every format's stated size before its pixels: a 35-byte GIF or a 1 KB RLE BMP stating 30000 x 30000
        // decoded to 6 GB (the header probe knows PNG, JPEG and WebP only)
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > limits.maxPixels()) {
          throw new ImageTooLargeException(file.toString(), 0, "pixel count (" + reader.getWidth(0) + " x "
              + reader.getHeight(0) + ")", pixels, limits.maxPixels());
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        img = reader.read(0);
        if (!warnings.isEmpty()) { // a JPEG cut before its end is filled with grey and only warned about
          throw new IllegalArgumentException(file + ": cannot decode the image (corrupt or truncated?): "
              + warnings.get(0));
        }
      } finally {
        reader.dispose();
      }
    } catch (ImageTooLargeException | IllegalArgumentException e) {
      throw e;
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
