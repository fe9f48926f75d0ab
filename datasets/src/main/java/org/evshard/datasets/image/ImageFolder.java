package org.evshard.datasets.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.evshard.datasets.DatasetLayoutException;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.datasets.StratifiedHashSplit;

/**
 * A folder of images by class, as torchvision's {@code ImageFolder} reads it: {@code <class>/<image>} under the root,
 * or {@code <split>/<class>/<image>} when the root holds split folders ({@code train}, {@code test}, {@code val},
 * {@code validation}). Labels index the sorted class names of all splits. Without split folders every class is split
 * by {@link StratifiedHashSplit} (test fraction from the options). Caltech101 as published
 * ({@code 101_ObjectCategories/<class>/image_NNNN.jpg}) is read through its one wrapper folder, and its clutter class
 * {@code BACKGROUND_Google} is left out unless background is included, as N-Caltech101's descriptor does; when
 * included it takes the last label, so the other classes keep theirs.
 */
public final class ImageFolder implements ImageCorpus {

  public static final String NAME = "image-folder";
  static final Set<String> SPLIT_FOLDERS = Set.of("train", "test", "val", "validation");
  static final Set<String> WRAPPERS = Set.of("101_ObjectCategories", "caltech101");
  static final String BACKGROUND_CLASS = "BACKGROUND_Google";
  static final String LAYOUT = "<class>/<image>.{jpg,jpeg,png,webp}, or <train|test|val>/<class>/<image>";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "folder of images by class";
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
    Path base = root;
    List<Path> top = ImageFiles.list(root);
    if (top.size() == 1 && Files.isDirectory(top.get(0))
        && WRAPPERS.contains(top.get(0).getFileName().toString())) {
      base = top.get(0);
      top = ImageFiles.list(base);
    }
    List<String> ignored = new ArrayList<>();
    boolean splitFolders = top.stream().anyMatch(p -> Files.isDirectory(p)
        && SPLIT_FOLDERS.contains(p.getFileName().toString()));
    // split -> class -> class folder
    Map<String, Map<String, Path>> classDirs = new TreeMap<>();
    if (splitFolders) {
      for (Path p : top) {
        if (Files.isDirectory(p) && SPLIT_FOLDERS.contains(p.getFileName().toString())) {
          classDirs.put(p.getFileName().toString(), classFolders(root, p, options, ignored));
        } else {
          ignored.add(ImageFiles.relative(root, p));
        }
      }
    } else {
      classDirs.put("", classFolders(root, base, options, ignored));
    }
    Set<String> classes = new TreeSet<>();
    classDirs.values().forEach(m -> classes.addAll(m.keySet()));
    if (classes.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "has no class folder", LAYOUT);
    }
    // sorted names, BACKGROUND_Google (when included) last, as N-Caltech101 numbers them, so that paired corpora
    // share labels and the other classes keep theirs
    List<String> classList = new ArrayList<>(classes);
    classList.sort(java.util.Comparator.comparing(BACKGROUND_CLASS::equals));
    StratifiedHashSplit splitter = new StratifiedHashSplit(options.testFraction());
    List<ImageSourceRef> sources = new ArrayList<>();
    for (Map.Entry<String, Map<String, Path>> split : classDirs.entrySet()) {
      for (Map.Entry<String, Path> c : split.getValue().entrySet()) {
        List<Path> images = new ArrayList<>();
        for (Path f : ImageFiles.list(c.getValue())) {
          if (!Files.isDirectory(f) && ImageFiles.isImageName(f.getFileName().toString())) {
            images.add(f);
          } else {
            ignored.add(ImageFiles.relative(root, f));
          }
        }
        Set<String> test = splitFolders ? Set.of() : splitter.testNames(
            images.stream().map(f -> f.getFileName().toString()).toList());
        for (Path f : images) {
          String name = f.getFileName().toString();
          String rel = ImageFiles.relative(root, f);
          String s = splitFolders ? split.getKey() : StratifiedHashSplit.splitOf(name, test);
          sources.add(ImageSourceRef.imageFile(NAME + "/" + ImageFiles.stem(ImageFiles.relative(base, f)), NAME, rel,
              s, classList.indexOf(c.getKey()), c.getKey(), Map.of()));
        }
      }
    }
    sources.sort(Comparator.comparing(ImageSourceRef::id));
    for (int i = 1; i < sources.size(); i++) {
      if (sources.get(i).id().equals(sources.get(i - 1).id())) {
        throw new DatasetLayoutException(NAME, root, "holds two images with the id " + sources.get(i).id()
            + " (same name, different extensions)", LAYOUT);
      }
    }
    if (options.maxSamples() > 0 && sources.size() > options.maxSamples()) {
      sources = new ArrayList<>(sources.subList(0, options.maxSamples()));
    }
    ignored.sort(null);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("split_folders", splitFolders);
    parameters.putAll(options.toParameters());
    return new ImageDiscovery(sources, ignored, parameters);
  }

  private static Map<String, Path> classFolders(Path root, Path dir, DiscoveryOptions options, List<String> ignored)
      throws IOException {
    Map<String, Path> out = new TreeMap<>();
    for (Path p : ImageFiles.list(dir)) {
      String name = p.getFileName().toString();
      if (!Files.isDirectory(p) || (name.equals(BACKGROUND_CLASS) && !options.includeBackground())) {
        ignored.add(ImageFiles.relative(root, p));
      } else {
        out.put(name, p);
      }
    }
    return out;
  }
}
