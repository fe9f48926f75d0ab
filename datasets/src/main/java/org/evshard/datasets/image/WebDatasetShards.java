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
 * A folder of webdataset tar shards ({@code *.tar}, {@code *.tgz}, {@code *.tar.gz}, at any depth): one source per
 * shard, read sample by sample. A shard below a folder named {@code train}, {@code test}, {@code val} or
 * {@code validation} belongs to that split, every other shard to {@code all}. Labels come from each sample's
 * {@code cls} member.
 */
public final class WebDatasetShards implements ImageCorpus {

  public static final String NAME = "webdataset";
  static final String LAYOUT = "**/*.tar, *.tgz or *.tar.gz webdataset shards (split from a train/test/val folder)";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "webdataset shards";
  }

  @Override
  public String layout() {
    return LAYOUT;
  }

  static boolean isShardName(String name) {
    return name.endsWith(".tar") || name.endsWith(".tgz") || name.endsWith(".tar.gz");
  }

  @Override
  public ImageDiscovery discover(Path root, DiscoveryOptions options) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new DatasetLayoutException(NAME, root, "is not a directory", LAYOUT);
    }
    List<ImageSourceRef> sources = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    // a shard list (--file-list) names the tars: a pool of millions of shards is not walked
    List<String> files;
    if (options.listing() != null) {
      files = List.copyOf(options.listing().paths());
    } else {
      try (Stream<Path> walk = Files.walk(root)) {
        // not only regular files: a named pipe called x.tar is rejected when read, not passed over without a word
        files = walk.filter(p -> !Files.isDirectory(p)).sorted().map(p -> ImageFiles.relative(root, p)).toList();
      }
    }
    for (String rel : files) {
      if (rel.startsWith(".") || rel.contains("/.") || !isShardName(rel.substring(rel.lastIndexOf('/') + 1))) {
        ignored.add(rel);
        continue;
      }
      sources.add(ImageSourceRef.container(NAME, ImageSourceRef.Kind.WEBDATASET_TAR, rel, splitOf(rel), null));
    }
    if (sources.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "holds no tar shard", LAYOUT);
    }
    sources.sort(Comparator.comparing(ImageSourceRef::id));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("shards", sources.size());
    return new ImageDiscovery(sources, ignored, parameters);
  }

  /** The split a shard's folders name, {@code all} when none does. */
  static String splitOf(String relativePath) {
    String[] parts = relativePath.split("/");
    for (int i = parts.length - 2; i >= 0; i--) {
      if (ImageFolder.SPLIT_FOLDERS.contains(parts[i])) {
        return parts[i];
      }
    }
    return ImageSourceRef.NO_SPLIT;
  }
}
