package org.evshard.io.img2dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.tar.TarLimits;
import org.evshard.io.tar.WebDatasetName;

/**
 * Reads the samples of one img2dataset {@code files} output shard: the folder {@code NNNNN/} holding, per sample,
 * {@code key.jpg} (or {@code .png}/{@code .webp}), {@code key.txt} and {@code key.json} ({@code FilesSampleWriter});
 * the shard's {@code NNNNN.parquet} and {@code NNNNN_stats.json} sit beside the folder. Files are grouped by the key
 * before the first dot of their name (as webdataset names are) and samples come in key order; each file's size is
 * checked against {@link TarLimits#maxEntryBytes()} before it is read (a larger file raises
 * {@link LimitExceededException}). Symbolic links, sub-folders and names without an extension are not read and are
 * counted in {@link #skippedFiles()}.
 */
public final class Img2DatasetFilesReader {

  private final Path shardDir;
  private final String shardName;
  private final TarLimits limits;
  private final Iterator<Map.Entry<String, SortedMap<String, Path>>> samples;
  private final int skipped;
  private String lastKey;
  private String lastSource;

  private Img2DatasetFilesReader(Path shardDir, TarLimits limits) throws IOException {
    this.shardDir = shardDir;
    this.shardName = shardDir.getFileName().toString();
    this.limits = limits;
    SortedMap<String, SortedMap<String, Path>> byKey = new TreeMap<>();
    int skip = 0;
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(shardDir)) {
      for (Path p : dir) {
        Optional<WebDatasetName> n = WebDatasetName.parse(p.getFileName().toString());
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || n.isEmpty()) {
          skip++;
          continue;
        }
        byKey.computeIfAbsent(n.get().key(), k -> new TreeMap<>()).put(n.get().lowerCaseExtension(), p);
      }
    }
    this.samples = byKey.entrySet().iterator();
    this.skipped = skip;
  }

  /** Opens a shard folder such as {@code output/00000}. */
  public static Img2DatasetFilesReader open(Path shardDir, TarLimits limits) throws IOException {
    return new Img2DatasetFilesReader(shardDir, limits);
  }

  public static Img2DatasetFilesReader open(Path shardDir) throws IOException {
    return open(shardDir, TarLimits.defaults());
  }

  /** The next sample in key order, or empty after the last. */
  public Optional<Img2DatasetSample> next() throws IOException {
    if (!samples.hasNext()) {
      return Optional.empty();
    }
    Map.Entry<String, SortedMap<String, Path>> e = samples.next();
    SortedMap<String, Path> files = e.getValue();
    lastKey = e.getKey();
    Path image = null;
    String ext = null;
    lastSource = shardName + "/" + files.get(files.firstKey()).getFileName();
    for (String x : Img2DatasetTarReader.IMAGE_EXTENSIONS) {
      if (files.containsKey(x)) {
        image = files.get(x);
        ext = x;
        break;
      }
    }
    String caption = files.containsKey("txt") ? new String(read(files.get("txt")), StandardCharsets.UTF_8) : null;
    SortedMap<String, String> fields = files.containsKey("json")
        ? Img2DatasetJson.parse(read(files.get("json")), files.get("json").toString()) : new TreeMap<>();
    Path named = image != null ? image : files.get(files.firstKey());
    lastSource = shardName + "/" + named.getFileName();
    return Optional.of(new Img2DatasetSample(e.getKey(), caption, image == null ? null : read(image), ext, fields,
        named.toString(), shardName + "/" + named.getFileName(), -1));
  }

  private byte[] read(Path p) throws IOException {
    long size = Files.size(p);
    if (size > limits.maxEntryBytes()) {
      throw new LimitExceededException(p.toString(), 0, "file size", size, limits.maxEntryBytes());
    }
    return Files.readAllBytes(p);
  }

  /**
   * The key of the sample the last {@link #next()} returned or failed on: a sample whose file cannot be read (a
   * sidecar that is not JSON, a file over the size limit) fails alone, and the next call goes on with the next key.
   */
  public String lastKey() {
    return lastKey;
  }

  /** Where the last sample's files are, as {@code NNNNN/KEY.EXT} (its image, else its first file). */
  public String lastSource() {
    return lastSource;
  }

  /** Directory entries not read: links, sub-folders, names without extension. */
  public int skippedFiles() {
    return skipped;
  }

  public Path shardDir() {
    return shardDir;
  }

  /** Reads every sample (for small shards and tests). */
  public List<Img2DatasetSample> readAll() throws IOException {
    List<Img2DatasetSample> out = new ArrayList<>();
    for (Optional<Img2DatasetSample> s = next(); s.isPresent(); s = next()) {
      out.add(s.get());
    }
    return out;
  }
}
