package org.evshard.datasets.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Listing helpers of the image corpora: sorted directory entries and the image file names they accept. */
final class ImageFiles {

  /** Extensions (lower case) of the encoded images corpora hold. */
  static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp");

  private ImageFiles() {
  }

  static boolean isImageName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && !name.startsWith(".")
        && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** The entries of {@code dir}, sorted by name; hidden entries (dot files) are left out. */
  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out = new ArrayList<>();
      s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(out::add);
      return out;
    }
  }

  /** {@code p} relative to {@code root} with {@code /} separators, directories with a trailing {@code /}. */
  static String relative(Path root, Path p) {
    String r = root.relativize(p).toString().replace('\\', '/');
    return Files.isDirectory(p) ? r + "/" : r;
  }
}
