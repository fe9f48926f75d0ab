package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * N-Caltech101 (Orchard et al. 2015): Caltech101 images recorded by an ATIS sensor. No official split: each class is
 * split by {@link StratifiedHashSplit}. Labels index the sorted names of the object class folders (String order);
 * {@code BACKGROUND_Google}, when included, takes the next label (100 in the published corpus, whose 100 object classes
 * are Caltech101's less Faces), so the object classes keep
 * their labels with or without it. The geometry
 * varies per recording (at most 240x180), so {@link SampleRef#sensor()} is null. Sample ids read
 * {@code ncaltech101/<class>/image_0001} whichever of the accepted layouts holds the file.
 */
public final class NCaltech101 implements DatasetDescriptor {

  public static final String NAME = "ncaltech101";
  public static final String FORMAT = "atis-bin";
  public static final String FOLDER = "Caltech101";
  public static final String BACKGROUND_CLASS = "BACKGROUND_Google";

  static final String LAYOUT = "Caltech101/<class>/image_NNNN.bin (or Caltech101/Caltech101/<class>/..., the zip "
      + "extracted into a folder of its name), or the Caltech101 folder itself as the root, "
      + "or Caltech101.zip holding Caltech101/ (optionally under one top folder); if you downloaded the outer "
      + "archive that holds Caltech101.zip, extract it once so that Caltech101.zip sits in the input root";

  private static final DatasetFacts FACTS = new DatasetFacts(
      "Orchard, Jayawant, Cohen, Thakor: Converting Static Image Datasets to Spiking Neuromorphic Datasets Using "
          + "Saccades, Frontiers in Neuroscience 9:437 (2015)",
      "per sample, at most 240x180",
      100,
      "the Caltech101 object categories less Faces (class folder names, sorted in String order: upper case first; "
          + "an empty class folder keeps its label, the table is the manifest's 'classes'); " + BACKGROUND_CLASS
          + " excluded unless included as the last class (label 100 in the published corpus)",
      "no official split: per class, files ordered by SHA-256 of the file name without its extension (first 8 bytes, unsigned) then name; "
          + "the first round(n * test_fraction) are test, the rest train (default test_fraction "
          + DiscoveryOptions.DEFAULT_TEST_FRACTION + ")",
      "ATIS .bin, 5 bytes per event (" + FORMAT + ")",
      LAYOUT);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String backgroundClass() {
    return BACKGROUND_CLASS;
  }

  @Override
  public String title() {
    return "N-Caltech101";
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
    TreeNode dir = top.child(FOLDER);
    TreeNode zip = top.child(FOLDER + ".zip");
    List<SampleRef> samples = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dataset", NAME);
    List<RejectedInput> rejected = new ArrayList<>();
    if (dir != null && dir.isDirectory()) {
      ignoreAllBut(top, dir, ignored);
      TreeNode classes = TreeNode.list(root, root.resolve(FOLDER), 2, options);
      Location where = Location.folder(FOLDER + "/");
      TreeNode nested = classes.child(FOLDER);
      if (nested != null && nested.isDirectory()) { // Caltech101.zip extracted into a folder of its own name
        for (TreeNode other : classes.children()) {
          if (other != nested && isClass(other, options) && !other.children().isEmpty()) {
            // a class beside the nested copy: which one is the corpus? (one was silently left out)
            throw new DatasetLayoutException(NAME, root, "holds class folders both in " + FOLDER + "/ (e.g. "
                + other.name() + "/) and in " + FOLDER + "/" + FOLDER + "/; keep one of the two", LAYOUT);
          }
          if (other != nested) {
            ignored.add(where.ignored(other));
          }
        }
        where = where.child(FOLDER);
        classes = TreeNode.list(root, root.resolve(FOLDER).resolve(FOLDER), 2, options);
      }
      parameters.put("source", where.prefix());
      collectClasses(root, classes, where, options, samples, ignored, parameters);
      if (zip != null && !zip.isDirectory()) { // listed as ignored: its samples are not read, but none vanishes
        rejectOnlyInZip(root, zip.name(), options, samples, rejected);
      }
    } else if (zip != null && !zip.isDirectory()) {
      parameters.put("source", zip.name());
      ignoreAllBut(top, zip, ignored);
      try (ZipFile zf = LayoutSupport.openZip(root.resolve(zip.name()))) {
        LayoutSupport.Found found = LayoutSupport.locate(TreeNode.ofZip(zf), FOLDER, zip.name());
        if (found == null) {
          throw new DatasetLayoutException(NAME, root, "has " + zip.name() + " without a " + FOLDER
              + "/ folder inside", LAYOUT);
        }
        ignored.addAll(found.ignored());
        collectClasses(root, found.node(), found.location(), options, samples, ignored, parameters);
      }
    } else {
      if (String.valueOf(root.getFileName()).toLowerCase(Locale.ROOT).contains("annotation")) {
        throw new DatasetLayoutException(NAME, root, "is an annotations folder, not the recordings", LAYOUT);
      }
      parameters.put("source", "./");
      collectClasses(root, TreeNode.list(root, root, 2, options), Location.folder(""), options, samples, ignored,
          parameters);
    }
    parameters.put("split_rule", "stratified_sha256_name");
    parameters.putAll(options.toParameters());
    return LayoutSupport.finish(NAME, root, LAYOUT, samples, ignored, parameters, options.maxSamples(), rejected);
  }

  /**
   * With both {@code Caltech101/} and {@code Caltech101.zip}, the folder is read and the samples only the zip holds
   * are rejected, naming it: a partly extracted folder hid the rest of the complete archive beside it (a whole class
   * vanished with exit 0).
   */
  private static void rejectOnlyInZip(Path root, String zipName, DiscoveryOptions options, List<SampleRef> inFolder,
      List<RejectedInput> rejected) {
    Set<String> have = new java.util.HashSet<>();
    inFolder.forEach(s -> have.add(s.sampleId()));
    List<SampleRef> inZip = new ArrayList<>();
    try (ZipFile zf = LayoutSupport.openZip(root.resolve(zipName))) {
      LayoutSupport.Found found = LayoutSupport.locate(TreeNode.ofZip(zf), FOLDER, zipName);
      if (found == null) {
        return;
      }
      collectClasses(root, found.node(), found.location(), options, inZip, new ArrayList<>(), new LinkedHashMap<>());
    } catch (IOException | EvshardDatasetException unreadable) {
      return; // a damaged archive, or one without classes, beside the folder: ignored, as before
    }
    Set<String> seen = new java.util.HashSet<>();
    for (SampleRef s : inZip) {
      if (!have.contains(s.sampleId()) && seen.add(s.sampleId())) {
        rejected.add(new RejectedInput(s.sampleId(), s.source(), "in " + zipName + " but not in the extracted "
            + FOLDER + "/ beside it, which is read (an interrupted extraction?): finish the extraction, or remove "
            + FOLDER + "/ to read the zip"));
      }
    }
  }

  private static void ignoreAllBut(TreeNode top, TreeNode kept, List<String> ignored) {
    for (TreeNode child : top.children()) {
      if (child != kept) {
        ignored.add(Location.folder("").ignored(child));
      }
    }
  }

  /**
   * Class folders hold recordings, or nothing yet (a class folder left empty by an interrupted extraction keeps its
   * label, which an empty folder skipped gave to the next class, shifting every later label); labels follow the
   * sorted class names, the background class last; each class is split on its own. The label table goes into the
   * manifest's parameters ({@code classes}, index = label), the empty classes into {@code empty_classes}.
   */
  private static void collectClasses(Path root, TreeNode classesNode, Location where, DiscoveryOptions options,
      List<SampleRef> samples, List<String> ignored, Map<String, Object> parameters) {
    List<TreeNode> classes = new ArrayList<>();
    for (TreeNode node : classesNode.children()) {
      if (isClass(node, options)) {
        classes.add(node);
      } else {
        ignored.add(where.ignored(node));
      }
    }
    if (classes.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "has no class folder holding *.bin recordings"
          + (where.archive() == null ? " in " + (where.prefix().isEmpty() ? "the root" : where.prefix())
              : " in " + where.source("")), LAYOUT);
    }
    // the object classes number as without the background class, which comes after them (a stable sort)
    classes.sort(Comparator.comparing((TreeNode n) -> n.name().equals(BACKGROUND_CLASS)));
    parameters.put("classes", classes.stream().map(TreeNode::name).toList());
    List<String> empty = classes.stream().filter(c -> c.children().isEmpty()).map(TreeNode::name).toList();
    if (!empty.isEmpty()) {
      parameters.put("empty_classes", empty);
    }
    StratifiedHashSplit splitter = new StratifiedHashSplit(options.testFraction());
    for (int label = 0; label < classes.size(); label++) {
      TreeNode classNode = classes.get(label);
      Location classDir = where.child(classNode.name());
      List<String> names = new ArrayList<>();
      for (TreeNode file : classNode.children()) {
        if (LayoutSupport.isRecordingName(file.name())) {
          names.add(file.name());
        } else {
          ignored.add(classDir.ignored(file));
        }
      }
      Set<String> test = splitter.testNames(names);
      for (String name : names) {
        String id = NAME + "/" + classNode.name() + "/" + LayoutSupport.stem(name);
        for (int copy = 0; copy < classNode.child(name).copies(); copy++) { // zip members of one name: rejected
          samples.add(new SampleRef(id, NAME, classDir.source(name), StratifiedHashSplit.splitOf(name, test), label,
              classNode.name(), classDir.archive(), classDir.entry(name), FORMAT, null));
        }
      }
    }
  }

  private static boolean isClass(TreeNode node, DiscoveryOptions options) {
    String n = node.name();
    if (!node.isDirectory() || LayoutSupport.isHidden(n) || n.equals(LayoutSupport.MAC_RESOURCE_FOLDER)
        || n.toLowerCase(Locale.ROOT).contains("annotation")) {
      return false;
    }
    if (n.equals(BACKGROUND_CLASS) && !options.includeBackground()) {
      return false;
    }
    return node.children().isEmpty()
        || node.children().stream().anyMatch(c -> LayoutSupport.isRecordingName(c.name()));
  }
}
