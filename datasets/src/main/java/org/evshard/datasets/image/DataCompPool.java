package org.evshard.datasets.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.evshard.datasets.DatasetLayoutException;
import org.evshard.datasets.DiscoveryOptions;

/**
 * A DataComp pool in the layout DataComp's {@code download_upstream.py} produces: {@code metadata/*.parquet} (one
 * source each, with the {@code .npz} of the same stem as its {@code npz} companion when present) and, optionally,
 * {@code shards/*.tar} written by img2dataset (one source each, with their {@code .parquet} and
 * {@code _stats.json}). Metadata rows and shard samples are joined on {@code uid}; without shards, only the
 * metadata-based filters can run and the result is the uid subset. No labels, no split ({@code all}).
 */
public final class DataCompPool implements ImageCorpus {

  public static final String NAME = "datacomp";
  static final String LAYOUT = "metadata/*.parquet (+ .npz embeddings) and optionally shards/*.tar (+ .parquet, "
      + "_stats.json), as DataComp's download_upstream.py writes them";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "DataComp pool";
  }

  @Override
  public String layout() {
    return LAYOUT;
  }

  @Override
  public ImageDiscovery discover(Path root, DiscoveryOptions options) throws IOException {
    Path metadata = root.resolve("metadata");
    if (!Files.isDirectory(metadata)) {
      throw new DatasetLayoutException(NAME, root, "has no metadata/ folder", LAYOUT);
    }
    List<ImageSourceRef> sources = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (Path p : list(metadata)) {
      String name = p.getFileName().toString();
      String rel = ImageFiles.relative(root, p);
      if (name.endsWith(".parquet")) {
        Path npz = p.resolveSibling(name.substring(0, name.length() - ".parquet".length()) + ".npz");
        Map<String, String> companions = Files.isRegularFile(npz) ? Map.of("npz", ImageFiles.relative(root, npz))
            : Map.of();
        sources.add(ImageSourceRef.container(NAME, ImageSourceRef.Kind.DATACOMP_METADATA, rel,
            ImageSourceRef.NO_SPLIT, companions));
      } else if (!name.endsWith(".npz")) {
        ignored.add(rel);
      }
    }
    if (sources.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "has no metadata/*.parquet file", LAYOUT);
    }
    int shards = 0;
    Path shardDir = root.resolve("shards");
    if (Files.isDirectory(shardDir)) {
      for (Path p : list(shardDir)) {
        String name = p.getFileName().toString();
        String rel = ImageFiles.relative(root, p);
        if (name.endsWith(".tar")) {
          String stem = name.substring(0, name.length() - 4);
          Map<String, String> companions = new LinkedHashMap<>();
          Path parquet = p.resolveSibling(stem + ".parquet");
          Path stats = p.resolveSibling(stem + "_stats.json");
          if (Files.isRegularFile(parquet)) {
            companions.put("parquet", ImageFiles.relative(root, parquet));
          }
          if (Files.isRegularFile(stats)) {
            companions.put("stats", ImageFiles.relative(root, stats));
          }
          sources.add(ImageSourceRef.container(NAME, ImageSourceRef.Kind.WEBDATASET_TAR, rel,
              ImageSourceRef.NO_SPLIT, companions));
          shards++;
        } else if (!name.endsWith(".parquet") && !name.endsWith("_stats.json")) {
          ignored.add(rel);
        }
      }
    }
    sources.sort(Comparator.comparing(ImageSourceRef::id));
    ignored.sort(null);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("metadata_files", sources.size() - shards);
    parameters.put("shards", shards);
    return new ImageDiscovery(sources, ignored, parameters);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      // not only regular files: a named pipe called x.parquet is rejected when read, not passed over without a word
      return s.filter(p -> !Files.isDirectory(p)).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
          .toList();
    }
  }
}
