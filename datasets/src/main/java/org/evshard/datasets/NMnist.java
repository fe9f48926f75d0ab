package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipFile;
import org.evshard.io.events.SensorGeometry;

/**
 * N-MNIST (Orchard et al. 2015): MNIST digits recorded by an ATIS sensor on a moving platform. Official split by
 * folder; label = digit. Sample ids read {@code nmnist/Train/3/00012}, whether the file is extracted or in its zip.
 */
public final class NMnist implements DatasetDescriptor {

  public static final String NAME = "nmnist";
  public static final String FORMAT = "atis-bin";
  public static final SensorGeometry SENSOR = new SensorGeometry(34, 34);

  static final String LAYOUT = "Train/<digit>/*.bin and/or Test/<digit>/*.bin with digit folders 0..9, or the "
      + "published Train.zip / Test.zip holding those folders (optionally under one top folder); a folder for one "
      + "split and a zip for the other may be mixed";

  private static final List<String> SPLIT_FOLDERS = List.of("Train", "Test");

  private static final DatasetFacts FACTS = new DatasetFacts(
      "Orchard, Jayawant, Cohen, Thakor: Converting Static Image Datasets to Spiking Neuromorphic Datasets Using "
          + "Saccades, Frontiers in Neuroscience 9:437 (2015)",
      SENSOR.toString(),
      10,
      "digits 0-9",
      "official: Train/ -> train, Test/ -> test",
      "ATIS .bin, 5 bytes per event (" + FORMAT + ")",
      LAYOUT);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "N-MNIST";
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
    TreeNode top = TreeNode.list(root, root, 1, options);
    List<SampleRef> samples = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Set<String> used = new HashSet<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dataset", NAME);
    List<RejectedInput> rejected = new ArrayList<>();
    for (String folder : SPLIT_FOLDERS) {
      TreeNode dir = childIgnoringCase(top, folder);
      TreeNode zip = childIgnoringCase(top, folder + ".zip");
      String split = folder.toLowerCase(Locale.ROOT);
      if (dir != null && dir.isDirectory()) {
        used.add(dir.name());
        parameters.put(split + "_source", dir.name() + "/");
        int before = samples.size();
        collectSplit(TreeNode.list(root, root.resolve(dir.name()), 2, options), Location.folder(dir.name() + "/"), folder,
            samples, ignored);
        if (zip != null && !zip.isDirectory()) { // listed as ignored: its samples are not read, but none vanishes
          rejectOnlyInZip(root, folder, zip.name(), samples.subList(before, samples.size()), rejected);
        }
      } else if (zip != null && !zip.isDirectory()) {
        used.add(zip.name());
        parameters.put(split + "_source", zip.name());
        try (ZipFile zf = LayoutSupport.openZip(root.resolve(zip.name()))) {
          LayoutSupport.Found found = LayoutSupport.locate(TreeNode.ofZip(zf), folder, zip.name());
          if (found == null) {
            throw new DatasetLayoutException(NAME, root,
                "has " + zip.name() + " without a " + folder + "/ folder inside", LAYOUT);
          }
          ignored.addAll(found.ignored());
          collectSplit(found.node(), found.location(), folder, samples, ignored);
        }
      }
    }
    if (used.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "has no Train/, Test/, Train.zip or Test.zip", LAYOUT);
    }
    for (TreeNode child : top.children()) {
      if (!used.contains(child.name())) {
        ignored.add(Location.folder("").ignored(child));
      }
    }
    parameters.put("max_samples", options.maxSamples());
    return LayoutSupport.finish(NAME, root, LAYOUT, samples, ignored, parameters, options.maxSamples(), rejected);
  }

  /**
   * With both {@code Train/} and {@code Train.zip}, the extracted folder is read (as Tonic does) and the samples the
   * zip holds but the folder does not are rejected, naming the zip: a partly extracted folder hid the rest of the
   * complete archive beside it, and those samples vanished with exit 0.
   */
  private static void rejectOnlyInZip(Path root, String folder, String zipName, List<SampleRef> inFolder,
      List<RejectedInput> rejected) throws IOException {
    Set<String> have = new HashSet<>();
    inFolder.forEach(s -> have.add(s.sampleId()));
    List<SampleRef> inZip = new ArrayList<>();
    try (ZipFile zf = LayoutSupport.openZip(root.resolve(zipName))) {
      LayoutSupport.Found found = LayoutSupport.locate(TreeNode.ofZip(zf), folder, zipName);
      if (found == null) {
        return; // not this split's archive: it stays beside the folder, read from neither
      }
      collectSplit(found.node(), found.location(), folder, inZip, new ArrayList<>());
    } catch (IOException | EvshardDatasetException unreadable) {
      return; // a damaged archive beside the folder: ignored, as before
    }
    Set<String> seen = new HashSet<>();
    for (SampleRef s : inZip) {
      if (!have.contains(s.sampleId()) && seen.add(s.sampleId())) {
        rejected.add(new RejectedInput(s.sampleId(), s.source(), "in " + zipName + " but not in the extracted "
            + folder + "/ beside it, which is read (an interrupted extraction?): finish the extraction, or remove "
            + folder + "/ to read the zip"));
      }
    }
  }

  /**
   * The child named {@code name}, else one whose name differs only in case: Tonic saves the published archives as
   * {@code train.zip} / {@code test.zip}, which were refused ("has no Train/, Test/, Train.zip or Test.zip").
   */
  private static TreeNode childIgnoringCase(TreeNode top, String name) {
    TreeNode exact = top.child(name);
    if (exact != null) {
      return exact;
    }
    return top.children().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /** Reads {@code <folder>/<digit>/*.bin}; everything else under the split folder is ignored. */
  private static void collectSplit(TreeNode splitNode, Location where, String folder, List<SampleRef> samples,
      List<String> ignored) {
    String split = folder.toLowerCase(Locale.ROOT);
    for (TreeNode digitNode : splitNode.children()) {
      int digit = digitOf(digitNode);
      if (digit < 0) {
        ignored.add(where.ignored(digitNode));
        continue;
      }
      Location digitDir = where.child(digitNode.name());
      for (TreeNode file : digitNode.children()) {
        if (!LayoutSupport.isRecordingName(file.name())) {
          ignored.add(digitDir.ignored(file));
          continue;
        }
        String id = NAME + "/" + folder + "/" + digit + "/" + LayoutSupport.stem(file.name());
        for (int copy = 0; copy < file.copies(); copy++) { // zip members of one name: all rejected by finish
          samples.add(new SampleRef(id, NAME, digitDir.source(file.name()), split, digit, digitNode.name(),
              digitDir.archive(), digitDir.entry(file.name()), FORMAT, SENSOR));
        }
      }
    }
  }

  private static int digitOf(TreeNode node) {
    String n = node.name();
    return node.isDirectory() && n.length() == 1 && n.charAt(0) >= '0' && n.charAt(0) <= '9' ? n.charAt(0) - '0' : -1;
  }
}
