package org.evshard.datasets.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evshard.datasets.DatasetLayoutException;
import org.evshard.datasets.DiscoveryOptions;

/**
 * CIFAKE (Bird and Lotfi 2023): {@code train|test/REAL|FAKE/*.jpg}, 32x32 JPEGs. Label by sorted class name, as
 * torchvision's {@code ImageFolder}: {@code FAKE} = 0, {@code REAL} = 1. The CIFAR-10 class is parsed from the file
 * name as the published files spell it: {@code NNNN (k).jpg} with k in 2..10 is CIFAR-10 class k-1, a name without a
 * bracket number is class 0 ({@code airplane}): the ten class folders were merged into one, and the copies of the
 * same file number were numbered (2) to (10) in class order. Any other name gets no CIFAR-10 class. The class goes
 * into the attributes {@code cifar10_class} (index) and {@code cifar10_class_name}.
 */
public final class Cifake implements ImageCorpus {

  public static final String NAME = "cifake";
  /** CIFAR-10's class names in index order. */
  public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
      "frog", "horse", "ship", "truck");
  public static final String ATTR_CLASS = "cifar10_class";
  public static final String ATTR_CLASS_NAME = "cifar10_class_name";
  static final List<String> SPLITS = List.of("test", "train");
  static final List<String> CLASSES = List.of("FAKE", "REAL");
  static final String LAYOUT = "train|test/REAL|FAKE/*.jpg (CIFAKE as published on Kaggle)";

  private static final Pattern FILE_NAME = Pattern.compile("(\\d+)(?: \\((\\d+)\\))?");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "CIFAKE";
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
    List<ImageSourceRef> sources = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    boolean anySplit = false;
    for (Path top : ImageFiles.list(root)) {
      String split = top.getFileName().toString();
      if (!Files.isDirectory(top) || !SPLITS.contains(split)) {
        ignored.add(ImageFiles.relative(root, top));
        continue;
      }
      anySplit = true;
      for (Path classDir : ImageFiles.list(top)) {
        String cls = classDir.getFileName().toString();
        if (!Files.isDirectory(classDir) || !CLASSES.contains(cls)) {
          ignored.add(ImageFiles.relative(root, classDir));
          continue;
        }
        for (Path file : ImageFiles.list(classDir)) {
          String name = file.getFileName().toString();
          if (Files.isDirectory(file) || !ImageFiles.isImageName(name)) {
            ignored.add(ImageFiles.relative(root, file));
            continue;
          }
          String rel = ImageFiles.relative(root, file);
          sources.add(ImageSourceRef.imageFile(NAME + "/" + ImageFiles.stem(rel), NAME, rel, split,
              CLASSES.indexOf(cls), cls, cifar10Class(name)));
        }
      }
    }
    if (!anySplit) {
      throw new DatasetLayoutException(NAME, root, "has no train/ or test/ folder", LAYOUT);
    }
    sources.sort(Comparator.comparing(ImageSourceRef::id));
    if (options.maxSamples() > 0 && sources.size() > options.maxSamples()) {
      sources = new ArrayList<>(sources.subList(0, options.maxSamples()));
    }
    ignored.sort(null);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("max_samples", options.maxSamples());
    return new ImageDiscovery(sources, ignored, parameters);
  }

  /** The CIFAR-10 class attributes a CIFAKE file name gives, empty when the name follows no known pattern. */
  static Map<String, String> cifar10Class(String fileName) {
    Matcher m = FILE_NAME.matcher(ImageFiles.stem(fileName));
    if (!m.matches()) {
      return Map.of();
    }
    int index;
    if (m.group(2) == null) {
      index = 0;
    } else {
      int k = m.group(2).length() > 2 ? -1 : Integer.parseInt(m.group(2));
      if (k < 2 || k > CIFAR10_CLASSES.size()) {
        return Map.of();
      }
      index = k - 1;
    }
    return Map.of(ATTR_CLASS, Integer.toString(index), ATTR_CLASS_NAME, CIFAR10_CLASSES.get(index));
  }
}
