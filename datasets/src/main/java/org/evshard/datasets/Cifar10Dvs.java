package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.evshard.io.events.SensorGeometry;

/**
 * CIFAR10-DVS (Li, Liu, Ji, Li, Shi: CIFAR10-DVS: An Event-Stream Dataset for Object Classification, Frontiers in
 * Neuroscience 11:309, 2017; published on figshare): 10,000 recordings, 1,000 per CIFAR-10 class, of images moved on a
 * monitor in front of a DVS128, 128x128. Two releases are read:
 * <ul>
 *   <li>the original AEDAT 2.0 files {@code <class>/cifar10_<class>_N.aedat} (format {@code aedat2}). Their axes
 *       follow SpikingJelly: {@code x = 127 - raw_y}, {@code y = 127 - raw_x}, {@code p = 1 - bit0}; each
 *       {@link SampleRef#formatOptions()} carries {@code axes=spikingjelly-cifar10dvs} for the reader;
 *   <li>the AEDAT 4.0 re-release, {@code <class>/*.aedat4} (format {@code aedat4}), read as the file states.
 * </ul>
 * Labels: the class names sorted (airplane 0 .. truck 9), as SpikingJelly and Tonic number them. No official split:
 * per class {@link StratifiedHashSplit} with a default test fraction of 0.1 (SpikingJelly's
 * {@code split_to_train_test_set(0.9, ...)}; Tonic has no split). Sample ids read {@code cifar10dvs/cat/cifar10_cat_7}.
 */
public final class Cifar10Dvs implements DatasetDescriptor {

  public static final String NAME = "cifar10dvs";
  public static final SensorGeometry SENSOR = new SensorGeometry(128, 128);
  public static final double DEFAULT_TEST_FRACTION = 0.1;
  public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
      "horse", "ship", "truck");
  /** Reader option the AEDAT 2.0 files need (the AEDAT reader's {@code Aedat2Axes.SPIKINGJELLY_CIFAR10DVS}). */
  public static final Map<String, String> AEDAT2_OPTIONS = Map.of("axes", "spikingjelly-cifar10dvs");

  static final String LAYOUT = "<class>/cifar10_<class>_N.aedat (AEDAT 2.0 release) or <class>/*.aedat4 (AEDAT 4.0 "
      + "re-release), class folders airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck in the root";

  private static final DatasetFacts FACTS = new DatasetFacts(
      "Li, Liu, Ji, Li, Shi: CIFAR10-DVS: An Event-Stream Dataset for Object Classification, Frontiers in "
          + "Neuroscience 11:309 (2017); figshare",
      SENSOR.toString(),
      CLASSES.size(),
      String.join(", ", CLASSES) + " (sorted, as SpikingJelly and Tonic)",
      "no official split: per class, files ordered by SHA-256 of the file name without its extension (first 8 bytes, unsigned) then name; "
          + "the first round(n * test_fraction) are test (default test_fraction " + DEFAULT_TEST_FRACTION
          + ", SpikingJelly's 0.9 train ratio)",
      "AEDAT 2.0 (aedat2, axes=spikingjelly-cifar10dvs: x = 127-raw_y, y = 127-raw_x, p = 1-bit0) or AEDAT 4.0 "
          + "(aedat4)",
      LAYOUT);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "CIFAR10-DVS";
  }

  @Override
  public DatasetFacts facts() {
    return FACTS;
  }

  @Override
  public double defaultTestFraction() {
    return DEFAULT_TEST_FRACTION;
  }

  /**
   * The only entry of a class folder when it is a folder of the class's own name holding recordings
   * ({@code airplane/airplane/*.aedat}, what extracting {@code airplane.zip} into a folder of its name gives); else
   * null. Such a class was dropped without a word.
   */
  private static TreeNode nestedClassFolder(TreeNode classNode) {
    List<TreeNode> visible = classNode.children().stream().filter(c -> !LayoutSupport.isHidden(c.name())
        && !c.name().equals(LayoutSupport.MAC_RESOURCE_FOLDER)).toList();
    if (visible.size() != 1 || !visible.get(0).isDirectory() || !visible.get(0).name().equals(classNode.name())) {
      return null;
    }
    TreeNode inner = visible.get(0);
    return inner.children().stream().anyMatch(f -> LayoutSupport.hasExtension(f.name(), ".aedat")
        || LayoutSupport.hasExtension(f.name(), ".aedat4")) ? inner : null;
  }

  @Override
  public Discovery discover(Path root, DiscoveryOptions options) throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    LayoutSupport.requireDirectory(NAME, root, LAYOUT);
    TreeNode top = TreeNode.list(root, root, 3, options); // 3: a class extracted one level deep, class/class/*
    List<SampleRef> samples = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    StratifiedHashSplit splitter = new StratifiedHashSplit(options.testFraction());
    Location where = Location.folder("");
    for (TreeNode node : top.children()) {
      int label = CLASSES.indexOf(node.name());
      if (!node.isDirectory() || label < 0) {
        ignored.add(where.ignored(node));
        continue;
      }
      Location classDir = where.child(node.name());
      TreeNode files = node;
      TreeNode nested = nestedClassFolder(node);
      if (nested != null) { // a per-class zip extracted into a folder of its own name: read as the class, as Tonic
        classDir = classDir.child(nested.name());
        files = nested;
      }
      List<String> names = new ArrayList<>();
      for (TreeNode file : files.children()) {
        if (LayoutSupport.hasExtension(file.name(), ".aedat") || LayoutSupport.hasExtension(file.name(), ".aedat4")) {
          names.add(file.name());
        } else {
          ignored.add(classDir.ignored(file));
        }
      }
      Set<String> test = splitter.testNames(names);
      for (String file : names) {
        boolean v2 = LayoutSupport.hasExtension(file, ".aedat");
        SampleRef ref = new SampleRef(NAME + "/" + node.name() + "/" + LayoutSupport.stem(file), NAME,
            classDir.source(file), StratifiedHashSplit.splitOf(file, test), label, node.name(), null, null,
            v2 ? "aedat2" : "aedat4", SENSOR);
        samples.add(v2 ? ref.withFormatOptions(AEDAT2_OPTIONS) : ref);
      }
    }
    if (samples.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "has no class folder holding *.aedat or *.aedat4 recordings",
          LAYOUT);
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dataset", NAME);
    parameters.put("split_rule", "stratified_sha256_name");
    parameters.putAll(options.toParameters());
    return LayoutSupport.finish(NAME, root, LAYOUT, samples, ignored, parameters, options.maxSamples());
  }
}
