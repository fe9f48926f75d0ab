package org.evshard.datasets.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.evshard.datasets.DatasetLayoutException;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.io.img2dataset.Img2DatasetLayout;

/**
 * Any img2dataset output folder, in whichever of its three layouts it was written ({@link Img2DatasetLayout}):
 * {@code files} (one source per {@code NNNNN/} folder), {@code webdataset} (one per {@code NNNNN.tar}) or
 * {@code parquet} (one per {@code NNNNN.parquet} holding the images). The shard's {@code _stats.json} (and, for the
 * first two, its metadata {@code .parquet}) are companions. No labels, no split ({@code all}); the caption and the
 * json sidecar fields travel with each sample.
 */
public final class Img2DatasetOutput implements ImageCorpus {

  public static final String NAME = "img2dataset";
  static final String LAYOUT = "an img2dataset output folder: NNNNN/ folders, NNNNN.tar shards or NNNNN.parquet "
      + "files with the images, each with NNNNN_stats.json";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "img2dataset output";
  }

  @Override
  public String layout() {
    return LAYOUT;
  }

  @Override
  public ImageDiscovery discover(Path root, DiscoveryOptions options) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new DatasetLayoutException(NAME, root, "is not a directory", LAYOUT);
    }
    Optional<Img2DatasetLayout> layout = Img2DatasetLayout.detect(root);
    if (layout.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "holds no img2dataset shard", LAYOUT);
    }
    List<ImageSourceRef> sources = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        String rel = ImageFiles.relative(root, p);
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        boolean shardName = stem.matches("[0-9]+");
        ImageSourceRef.Kind kind = switch (layout.get()) {
          case FILES -> shardName && Files.isDirectory(p) ? ImageSourceRef.Kind.IMG2DATASET_FILES : null;
          case WEBDATASET -> shardName && name.endsWith(".tar") ? ImageSourceRef.Kind.WEBDATASET_TAR : null;
          case PARQUET -> shardName && name.equals(stem + ".parquet") ? ImageSourceRef.Kind.IMG2DATASET_PARQUET
              : null;
        };
        if (kind == null) {
          if (!(shardName && (name.endsWith("_stats.json") || name.endsWith(".parquet")))) {
            ignored.add(rel);
          }
          continue;
        }
        Map<String, String> companions = new LinkedHashMap<>();
        Path stats = root.resolve(stem + "_stats.json");
        if (Files.isRegularFile(stats)) {
          companions.put("stats", stem + "_stats.json");
        }
        if (kind != ImageSourceRef.Kind.IMG2DATASET_PARQUET && Files.isRegularFile(root.resolve(stem + ".parquet"))) {
          companions.put("metadata", stem + ".parquet"); // every row, failed downloads too (their only record)
        }
        sources.add(ImageSourceRef.container(NAME, kind, rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel,
            ImageSourceRef.NO_SPLIT, companions));
      }
    }
    sources.sort(Comparator.comparing(ImageSourceRef::id));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("layout", layout.get().name().toLowerCase(java.util.Locale.ROOT));
    parameters.put("shards", sources.size());
    return new ImageDiscovery(sources, ignored, parameters);
  }
}
