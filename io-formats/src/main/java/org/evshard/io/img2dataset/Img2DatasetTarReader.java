package org.evshard.io.img2dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.evshard.io.tar.TarLimits;
import org.evshard.io.tar.TarMember;
import org.evshard.io.tar.TarSkipCounts;
import org.evshard.io.tar.WebDatasetReader;
import org.evshard.io.tar.WebDatasetSample;

/**
 * Reads the samples of one img2dataset {@code webdataset} output shard ({@code NNNNN.tar}: per sample the top-level
 * members {@code KEY.jpg} (or {@code .png}/{@code .webp}, the encode format), {@code KEY.txt} caption and
 * {@code KEY.json} metadata, written by {@code WebDatasetSampleWriter} through webdataset's {@code TarWriter}, the key
 * being the shard number followed by the sample index, e.g. {@code 000000123}) through {@link WebDatasetReader}, with
 * its grouping, skip
 * counting and limits. The shard's {@code NNNNN.parquet} (every attempted sample, failures included) is read with
 * {@link Img2DatasetParquetReader}, its {@code NNNNN_stats.json} with {@link Img2DatasetStats}.
 */
public final class Img2DatasetTarReader implements Closeable {

  /** The extensions img2dataset writes images under, in the order they are looked for. */
  public static final List<String> IMAGE_EXTENSIONS = List.of("jpg", "png", "webp", "jpeg");

  private final WebDatasetReader tar;

  private Img2DatasetTarReader(WebDatasetReader tar) {
    this.tar = tar;
  }

  public static Img2DatasetTarReader open(Path shard, TarLimits limits) throws IOException {
    return new Img2DatasetTarReader(WebDatasetReader.open(shard, limits));
  }

  public static Img2DatasetTarReader open(Path shard) throws IOException {
    return open(shard, TarLimits.defaults());
  }

  /** The next sample, or empty at the end of the shard. */
  public Optional<Img2DatasetSample> next() throws IOException {
    Optional<WebDatasetSample> next = tar.next();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    WebDatasetSample s = next.get();
    TarMember image = null;
    for (String ext : IMAGE_EXTENSIONS) {
      image = s.member(ext).orElse(null);
      if (image != null) {
        break;
      }
    }
    String caption = s.member("txt").map(m -> new String(m.bytes(), StandardCharsets.UTF_8)).orElse(null);
    SortedMap<String, String> fields = new TreeMap<>();
    Optional<TarMember> json = s.member("json");
    if (json.isPresent()) {
      fields = Img2DatasetJson.parse(json.get().bytes(), s.shard() + "!" + json.get().path());
    }
    TarMember named = image != null ? image : s.members().get(0);
    return Optional.of(new Img2DatasetSample(s.key(), caption, image == null ? null : image.bytes(),
        image == null ? null : image.extension(), fields, s.shard(), named.path(), s.headerOffset()));
  }

  /** Tar entries skipped so far, by reason. */
  public TarSkipCounts skipCounts() {
    return tar.skipCounts();
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
