package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.evshard.io.events.SensorGeometry;

/**
 * N-CARS (Sironi, Brambilla, Bourdis, Lagorce, Benosman: HATS: Histograms of Averaged Time Surfaces for Robust
 * Event-based Object Classification, CVPR 2018; published by Prophesee): 100 ms samples of cars and background
 * cropped from ATIS recordings, Prophesee DAT files. Sensor 120x100 (the crop size; Tonic's {@code NCARS} uses the
 * same). Official split by folder: {@code n-cars_train/} -> train, {@code n-cars_test/} -> test, each with
 * {@code background/} (label 0) and {@code cars/} (label 1), the sorted names as Tonic numbers them. Sample ids read
 * {@code ncars/train/cars/obj_004396_td}.
 */
public final class NCars implements DatasetDescriptor {

  public static final String NAME = "ncars";
  public static final String FORMAT = "dat";
  public static final SensorGeometry SENSOR = new SensorGeometry(120, 100);
  public static final List<String> CLASSES = List.of("background", "cars");
  private static final Map<String, String> SPLITS = Map.of("n-cars_train", "train", "n-cars_test", "test");

  static final String LAYOUT = "n-cars_train/{background,cars}/*.dat and/or n-cars_test/{background,cars}/*.dat "
      + "(the published n-cars_train.zip / n-cars_test.zip extracted into the root)";

  private static final DatasetFacts FACTS = new DatasetFacts(
      "Sironi et al.: HATS: Histograms of Averaged Time Surfaces for Robust Event-based Object Classification, "
          + "CVPR 2018 (Prophesee)",
      SENSOR.toString(),
      CLASSES.size(),
      "background 0, cars 1",
      "official: n-cars_train/ -> train, n-cars_test/ -> test",
      "Prophesee DAT (" + FORMAT + ")",
      LAYOUT);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "N-CARS";
  }

  @Override
  public DatasetFacts facts() {
    return FACTS;
  }

  @Override
  public Discovery discover(Path root, DiscoveryOptions options) throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    LayoutSupport.requireDirectory(NAME, root, LAYOUT);
    TreeNode top = TreeNode.list(root, root, 3, options);
    List<SampleRef> samples = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Location where = Location.folder("");
    int splits = 0;
    for (TreeNode splitNode : top.children()) {
      String split = SPLITS.get(splitNode.name());
      if (split == null || !splitNode.isDirectory()) {
        ignored.add(where.ignored(splitNode));
        continue;
      }
      splits++;
      Location splitDir = where.child(splitNode.name());
      for (TreeNode classNode : splitNode.children()) {
        int label = CLASSES.indexOf(classNode.name());
        if (label < 0 || !classNode.isDirectory()) {
          ignored.add(splitDir.ignored(classNode));
          continue;
        }
        Location classDir = splitDir.child(classNode.name());
        for (TreeNode file : classNode.children()) {
          if (!LayoutSupport.hasExtension(file.name(), ".dat")) {
            ignored.add(classDir.ignored(file));
            continue;
          }
          samples.add(new SampleRef(NAME + "/" + split + "/" + classNode.name() + "/" + LayoutSupport.stem(file.name()),
              NAME, classDir.source(file.name()), split, label, classNode.name(), null, null, FORMAT, SENSOR));
        }
      }
    }
    // split folders without a sample (an archive extracted one level too deep) are a run that writes nothing and
    // lists what it ignored, as for the other datasets; no split folder at all is not this layout
    if (splits == 0) {
      throw new DatasetLayoutException(NAME, root, "has no n-cars_train/ or n-cars_test/ folder", LAYOUT);
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dataset", NAME);
    parameters.put("split_rule", "official_folders");
    parameters.put("max_samples", options.maxSamples());
    return LayoutSupport.finish(NAME, root, LAYOUT, samples, ignored, parameters, options.maxSamples());
  }
}
