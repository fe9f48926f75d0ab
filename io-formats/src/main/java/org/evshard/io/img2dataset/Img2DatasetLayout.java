package org.evshard.io.img2dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The output layouts of img2dataset ({@code writer.py}), each shard named by its zero-padded number {@code NNNNN}
 * (oom_shard_count digits): {@code files} (folder {@code NNNNN/} of images, captions and json sidecars),
 * {@code webdataset} ({@code NNNNN.tar}), {@code parquet} ({@code NNNNN.parquet} holding the images). The two first
 * also write {@code NNNNN.parquet} with every attempted sample's metadata; all write {@code NNNNN_stats.json}.
 */
public enum Img2DatasetLayout {
  FILES,
  WEBDATASET,
  PARQUET;

  private static final Pattern SHARD = Pattern.compile("[0-9]+");

  /**
   * Tells an output folder's layout from its entries: any {@code NNNNN.tar} means webdataset, any {@code NNNNN/}
   * folder means files, else parquet files with an image column mean parquet; empty when none applies.
   */
  public static Optional<Img2DatasetLayout> detect(Path outputFolder) throws IOException {
    boolean folders = false;
    Path parquet = null;
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(outputFolder)) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (name.endsWith(".tar") && SHARD.matcher(name.substring(0, name.length() - 4)).matches()
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(WEBDATASET);
        }
        if (SHARD.matcher(name).matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          folders = true;
        }
        if (name.endsWith(".parquet") && SHARD.matcher(name.substring(0, name.length() - 8)).matches()) {
          parquet = p;
        }
      }
    }
    if (folders) {
      return Optional.of(FILES);
    }
    if (parquet != null) {
      try (Img2DatasetParquetReader r = Img2DatasetParquetReader.open(parquet)) {
        if (r.imageColumn().isPresent()) {
          return Optional.of(PARQUET);
        }
      }
    }
    return Optional.empty();
  }
}
