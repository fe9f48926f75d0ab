package org.evshard.io.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.evshard.io.Fixtures;

/** The real image fixtures under {@code fixtures/images/} (see its SOURCES.md) and a pixel-difference measure. */
final class ImageFixtureFiles {

  static final String RESIZE_DIR = "fixtures/images/img2dataset/resize_test_image";
  static final String BLUR_DIR = "fixtures/images/img2dataset/blur_test_files";
  static final String CIFAR_DIR = "fixtures/images/cifar10/train";

  private ImageFixtureFiles() {}

  /** img2dataset's resize test photos, named {@code W_H.jpg}. */
  static List<Path> resizePhotos() {
    return list(Fixtures.root().resolve(RESIZE_DIR), 1);
  }

  /** The 50 CIFAR-10 JPEGs, 32x32. */
  static List<Path> cifar() {
    return list(Fixtures.root().resolve(CIFAR_DIR), 2);
  }

  static Path blurFile(String name) {
    return Fixtures.file(BLUR_DIR + "/" + name);
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {width, height} from a {@code W_H.jpg} name. */
  static int[] sizeFromName(Path p) {
    String[] wh = p.getFileName().toString().replace(".jpg", "").split("_");
    return new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
  }

  private static List<Path> list(Path dir, int depth) {
    try (Stream<Path> s = Files.walk(dir, depth)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().collect(Collectors.toList());
      if (files.isEmpty()) {
        throw new AssertionError("no fixture images under " + dir);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Per-channel mean absolute difference and the overall max of two interleaved images of equal size.
   *
   * @return {mean of channel 0, ..., mean of channel c-1, max}
   */
  static double[] difference(byte[] a, byte[] b, int channels) {
    if (a.length != b.length) {
      throw new AssertionError("images of " + a.length + " and " + b.length + " values");
    }
    double[] out = new double[channels + 1];
    int max = 0;
    for (int i = 0; i < a.length; i++) {
      int d = Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
      out[i % channels] += d;
      max = Math.max(max, d);
    }
    for (int c = 0; c < channels; c++) {
      out[c] /= a.length / channels;
    }
    out[channels] = max;
    return out;
  }
}
