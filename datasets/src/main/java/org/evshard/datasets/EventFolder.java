package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;

/**
 * Any labelled folder of recordings: {@code <root>/<class>/<file>}, one class per folder, files in any format the
 * event format registry knows by extension (so a newly registered reader plugs in without a change here). An
 * extension one format claims names that format; one several formats claim ({@code .raw}: EVT 2.0, 2.1 and 3.0;
 * {@code .aedat}: AEDAT 2.0 and 3.1) leaves the format to the file's header, detected when the recording is read
 * ({@link SampleRef#format()} null), so one corpus may mix them. Labels index the sorted class folder names (String
 * order). Split: per class {@link StratifiedHashSplit} with the options' test fraction. Geometry is left to each file
 * (else {@code convert --sensor}, else the extent of the sample's events). Sample ids read
 * {@code folder/<class>/<file stem>}.
 */
public final class EventFolder implements DatasetDescriptor {

  public static final String NAME = "folder";

  static final String LAYOUT = "<root>/<class>/<recording> with a file extension of a registered event format";

  private final EventFormats formats;

  public EventFolder() {
    this(EventFormats.defaults());
  }

  public EventFolder(EventFormats formats) {
    this.formats = Objects.requireNonNull(formats, "formats");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "Labelled folder of event recordings";
  }

  @Override
  public DatasetFacts facts() {
    return new DatasetFacts(
        "your own: one folder per class",
        "per file, else convert --sensor, else the extent of the events",
        DatasetFacts.CLASSES_FROM_LAYOUT,
        "the class folder names, sorted; label = index",
        "per class, files ordered by SHA-256 of the file name without its extension (first 8 bytes, unsigned) then name; the first "
            + "round(n * test_fraction) are test (default test_fraction " + DiscoveryOptions.DEFAULT_TEST_FRACTION + ")",
        "by extension: " + extensionSummary(),
        LAYOUT);
  }

  /**
   * Extension to the names of the formats claiming it, in registry order: one name decides the format, several leave
   * it to the file's header ({@link #formatOf}).
   */
  Map<String, List<String>> extensionMap() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (EventFormat f : formats.all()) {
      for (String ext : f.extensions()) {
        List<String> claims = m.computeIfAbsent(ext.toLowerCase(Locale.ROOT), e -> new ArrayList<>());
        if (!claims.contains(f.name())) {
          claims.add(f.name());
        }
      }
    }
    return m;
  }

  /** {@code .bin=atis-bin, .raw=detected (evt3|evt2|evt21), ...}: what {@code evshard datasets} prints. */
  String extensionSummary() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<String>> e : extensionMap().entrySet()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().size() == 1
          ? e.getValue().get(0) : "detected from the header (" + String.join("|", e.getValue()) + ")");
    }
    return b.toString();
  }

  @Override
  public Discovery discover(Path root, DiscoveryOptions options) throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(options, "options");
    LayoutSupport.requireDirectory(NAME, root, LAYOUT);
    Map<String, List<String>> byExtension = extensionMap();
    TreeNode top = TreeNode.list(root, root, 2, options);
    List<TreeNode> classes = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Location where = Location.folder("");
    for (TreeNode node : top.children()) {
      if (node.isDirectory() && !LayoutSupport.isHidden(node.name())
          && !node.name().equals(LayoutSupport.MAC_RESOURCE_FOLDER)
          && node.children().stream().anyMatch(c -> claims(c.name(), byExtension) != null)) {
        classes.add(node);
      } else {
        ignored.add(where.ignored(node));
      }
    }
    if (classes.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "has no class folder holding recordings with a known extension "
          + byExtension.keySet(), LAYOUT);
    }
    StratifiedHashSplit splitter = new StratifiedHashSplit(options.testFraction());
    List<SampleRef> samples = new ArrayList<>();
    for (int label = 0; label < classes.size(); label++) {
      TreeNode classNode = classes.get(label);
      Location classDir = where.child(classNode.name());
      List<String> names = new ArrayList<>();
      for (TreeNode file : classNode.children()) {
        if (claims(file.name(), byExtension) != null) {
          names.add(file.name());
        } else {
          ignored.add(classDir.ignored(file));
        }
      }
      Set<String> test = splitter.testNames(names);
      for (String file : names) {
        samples.add(new SampleRef(NAME + "/" + classNode.name() + "/" + LayoutSupport.stem(file), NAME,
            classDir.source(file), StratifiedHashSplit.splitOf(file, test), label, classNode.name(), null, null,
            formatOf(file, byExtension), null));
      }
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dataset", NAME);
    parameters.put("classes", classes.stream().map(TreeNode::name).toList());
    parameters.put("split_rule", "stratified_sha256_name");
    parameters.putAll(options.toParameters());
    return LayoutSupport.finish(NAME, root, LAYOUT, samples, ignored, parameters, options.maxSamples());
  }

  /**
   * The format of {@code fileName} by its extension: the one format claiming it, or null when several do (the reader
   * detects it from the file's header).
   */
  private static String formatOf(String fileName, Map<String, List<String>> byExtension) {
    List<String> claims = claims(fileName, byExtension);
    return claims == null || claims.size() != 1 ? null : claims.get(0);
  }

  /** The formats claiming the longest extension {@code fileName} ends with, or null when it is no recording. */
  private static List<String> claims(String fileName, Map<String, List<String>> byExtension) {
    if (LayoutSupport.isHidden(fileName)) {
      return null;
    }
    String n = fileName.toLowerCase(Locale.ROOT);
    List<String> best = null;
    int bestLength = 0;
    for (Map.Entry<String, List<String>> e : byExtension.entrySet()) {
      if (n.endsWith(e.getKey()) && n.length() > e.getKey().length() && e.getKey().length() > bestLength) {
        best = e.getValue();
        bestLength = e.getKey().length();
      }
    }
    return best;
  }
}
