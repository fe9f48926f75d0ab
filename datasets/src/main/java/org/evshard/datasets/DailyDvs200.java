package org.evshard.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.evshard.io.events.SensorGeometry;

/**
 * DailyDVS-200 (Wang et al.: DailyDVS-200: A Comprehensive Benchmark Dataset for Event-Based Action Recognition,
 * ECCV 2024; github.com/QiWang233/DailyDVS-200, data on Baidu Netdisk and Hugging Face): 22,046 recordings of 200
 * actions by 47 subjects, DVXplorer Lite, 320x240, AEDAT 4.0.
 *
 * <p>Splits and labels are the official {@code train.txt}, {@code val.txt}, {@code test.txt}: each line is a relative
 * path and an action id (0..199), separated by blanks. A listed path is looked up under the root first, then by file
 * name anywhere below the root (the published folders differ between mirrors); a listed file that is not found is a
 * layout error. Recordings in no list are ignored. Label = the action id; label name = the id as three digits.
 *
 * <p>Metadata: the file name {@code C<action>P<person>M<move>S<scene>_<yyyymmdd>_<hh>_<mm>_<ss>.aedat4} gives
 * {@code name.action}, {@code name.person}, {@code name.move}, {@code name.scene}, {@code name.time}; when
 * {@code all_data.json} (or the Hugging Face mirror's {@code all_data_label.json}) is present, every attribute of the
 * file's entry except {@code FileName} and {@code FilePath} is added under its own key (the README lists the 14
 * annotated attributes: Range of Motion, Complexity of Movement, Props/No Props, Indoor/Outdoor, Background
 * Complexity, Daytime/Nighttime, Direction of Light, Shadow, Standing/Sitting, Height, Distance, Perspective, ...).
 * Sample ids read {@code dailydvs200/C0P3M0S1_20231111_09_11_23}.
 */
public final class DailyDvs200 implements DatasetDescriptor {

  public static final String NAME = "dailydvs200";
  public static final String FORMAT = "aedat4";
  public static final SensorGeometry SENSOR = new SensorGeometry(320, 240);
  public static final int CLASS_COUNT = 200;
  public static final List<String> SPLIT_FILES = List.of("train.txt", "val.txt", "test.txt");
  public static final List<String> ATTRIBUTE_FILES = List.of("all_data.json", "all_data_label.json");
  private static final Pattern FILE_NAME =
      Pattern.compile("C(\\d+)P(\\d+)M(\\d+)S(\\d+)_(\\d{8}_\\d{2}_\\d{2}_\\d{2})\\.aedat4");

  static final String LAYOUT = "train.txt, val.txt, test.txt ('<relative path> <action id>' per line) in the root, "
      + "the *.aedat4 recordings anywhere below it, optionally all_data.json";

  private static final DatasetFacts FACTS = new DatasetFacts(
      "Wang et al.: DailyDVS-200: A Comprehensive Benchmark Dataset for Event-Based Action Recognition, ECCV 2024 "
          + "(github.com/QiWang233/DailyDVS-200)",
      SENSOR + " (DVXplorer Lite)",
      CLASS_COUNT,
      "action ids 0..199 (names in the authors' resource/action_description.csv)",
      "official: train.txt -> train, val.txt -> val, test.txt -> test",
      "AEDAT 4.0 (" + FORMAT + ")",
      LAYOUT);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "DailyDVS-200";
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
    Map<String, List<String>> byName = recordingsByName(root, options.listing());
    Map<String, Map<String, String>> attributes = readAttributes(root);
    List<SampleRef> samples = new ArrayList<>();
    Set<String> listed = new java.util.HashSet<>();
    List<RejectedInput> missing = new ArrayList<>(); // listed recordings not found below the root
    Map<String, String> entries = new HashMap<>(); // source -> its first list entry
    Map<String, List<String>> conflicts = new TreeMap<>(); // source -> its entries, when they disagree
    int lists = 0;
    for (String listFile : SPLIT_FILES) {
      Path list = root.resolve(listFile);
      if (!Files.isRegularFile(list)) {
        continue;
      }
      lists++;
      String split = listFile.substring(0, listFile.length() - 4);
      List<String> lines = TextFiles.readLines(list, problem -> new DatasetLayoutException(NAME, root,
          listFile + " " + problem, LAYOUT));
      for (int n = 0; n < lines.size(); n++) {
        String line = lines.get(n).trim();
        if (line.isEmpty()) {
          continue;
        }
        int cut = lastBlank(line);
        int label = cut < 0 ? -1 : parseLabel(line.substring(cut + 1));
        if (label < 0 || label >= CLASS_COUNT) {
          throw new DatasetLayoutException(NAME, root, listFile + " line " + (n + 1) + " '" + line
              + "' is not '<relative path> <action id 0.." + (CLASS_COUNT - 1) + ">'", LAYOUT);
        }
        String path = line.substring(0, cut).trim().replace('\\', '/');
        String source = locate(path, byName);
        if (source == null) { // not downloaded (yet), or ambiguous: rejected on its own, the others convert
          String file = path.substring(path.lastIndexOf('/') + 1);
          List<String> candidates = byName.getOrDefault(file, List.of());
          missing.add(new RejectedInput(NAME + "/" + LayoutSupport.stem(file), path, listFile + " line " + (n + 1)
              + " lists " + path + ", which " + (candidates.isEmpty() ? "is not below the root (not downloaded?)"
              : "matches several recordings " + candidates)));
          continue;
        }
        String where = listFile + " line " + (n + 1) + " (action " + label + ")";
        String first = entries.putIfAbsent(source, where);
        if (first != null) {
          // the same line again counts once; another split or action makes the recording ambiguous
          String firstList = first.substring(0, first.indexOf(' '));
          if (!firstList.equals(listFile) || !first.endsWith("(action " + label + ")")) {
            conflicts.computeIfAbsent(source, k -> new ArrayList<>(List.of(first))).add(where);
          }
          continue;
        }
        listed.add(source);
        String file = source.substring(source.lastIndexOf('/') + 1);
        Map<String, String> metadata = new TreeMap<>(nameFields(file));
        metadata.putAll(attributes.getOrDefault(file, Map.of()));
        samples.add(new SampleRef(NAME + "/" + LayoutSupport.stem(file), NAME, source, split, label,
            String.format("%03d", label), null, null, FORMAT, SENSOR).withMetadata(metadata));
      }
    }
    if (lists == 0) {
      throw new DatasetLayoutException(NAME, root, "has none of " + SPLIT_FILES, LAYOUT);
    }
    if (samples.isEmpty() && !missing.isEmpty()) { // no listed recording at all: the wrong root, not a partial download
      throw new DatasetLayoutException(NAME, root, missing.get(0).reason() + " (nor are the other "
          + (missing.size() - 1) + " listed recordings)", LAYOUT);
    }
    List<RejectedInput> rejected = new ArrayList<>(missing);
    if (!conflicts.isEmpty()) {
      samples.removeIf(sample -> conflicts.containsKey(sample.source()));
      conflicts.forEach((source, where) -> rejected.add(new RejectedInput(NAME + "/"
          + LayoutSupport.stem(source.substring(source.lastIndexOf('/') + 1)), source, "listed as " + String.join(
          " and as ", where) + ": its split or action is not known (fix the lists to name it once)")));
    }
    List<String> ignored = new ArrayList<>();
    byName.values().forEach(paths -> paths.stream().filter(p -> !listed.contains(p)).forEach(ignored::add));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dataset", NAME);
    parameters.put("split_rule", "official_lists");
    parameters.put("attributes", attributes.isEmpty() ? "none" : "all_data.json");
    parameters.put("max_samples", options.maxSamples());
    return LayoutSupport.finish(NAME, root, LAYOUT, samples, ignored, parameters, options.maxSamples(), rejected);
  }

  private static int lastBlank(String line) {
    for (int i = line.length() - 1; i >= 0; i--) {
      if (Character.isWhitespace(line.charAt(i)) || line.charAt(i) == ',') {
        return i;
      }
    }
    return -1;
  }

  private static int parseLabel(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Every *.aedat4 below the root (or in {@code listing} when given, without walking the root), by file name, as
   * root-relative paths with '/' (sorted).
   */
  private static Map<String, List<String>> recordingsByName(Path root, FileListing listing) throws IOException {
    Map<String, List<String>> m = new TreeMap<>();
    Stream<String> relative = listing != null ? listing.paths().stream()
        : Files.walk(root, FileVisitOption.FOLLOW_LINKS).map(p -> root.relativize(p).toString().replace('\\', '/'));
    try (relative) {
      relative.filter(rel -> LayoutSupport.hasExtension(rel.substring(rel.lastIndexOf('/') + 1), ".aedat4"))
          .sorted()
          .forEach(rel -> m.computeIfAbsent(rel.substring(rel.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(rel));
    }
    return m;
  }

  /** The recording a list line names: itself, or the one recording of its file name; null when none or several. */
  private static String locate(String listed, Map<String, List<String>> byName) {
    List<String> candidates = byName.getOrDefault(listed.substring(listed.lastIndexOf('/') + 1), List.of());
    if (candidates.contains(listed)) {
      return listed;
    }
    return candidates.size() == 1 ? candidates.get(0) : null;
  }

  /** The C/P/M/S fields and the recording time of a DailyDVS-200 file name; empty when the name does not match. */
  static Map<String, String> nameFields(String fileName) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      return Map.of();
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("name.action", m.group(1));
    f.put("name.person", m.group(2));
    f.put("name.move", m.group(3));
    f.put("name.scene", m.group(4));
    f.put("name.time", m.group(5));
    return f;
  }

  /** all_data.json as file name -> attributes (all keys but FileName and FilePath, values as text). */
  private static Map<String, Map<String, String>> readAttributes(Path root) throws IOException {
    for (String name : ATTRIBUTE_FILES) {
      Path file = root.resolve(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      long size = Files.size(file);
      if (size > TextFiles.MAX_BYTES) {
        throw new DatasetLayoutException(NAME, root, name + " is " + size + " bytes, more than the "
            + TextFiles.MAX_BYTES + " a metadata file may have", LAYOUT);
      }
      byte[] bytes = Files.readAllBytes(file);
      JsonNode json;
      try {
        json = new ObjectMapper().readTree(bytes);
      } catch (IOException e) {
        // parsed from memory, so a content error: malformed JSON, or bytes that are not text in the encoding
        // Jackson detects (a CharConversionException, which is not a JsonProcessingException)
        String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        throw new DatasetLayoutException(NAME, root, name + " is not valid JSON: " + why, LAYOUT);
      }
      Iterable<JsonNode> entries = json.isArray() ? json : json.isObject() ? json::elements : List.of();
      Map<String, Map<String, String>> byFile = new HashMap<>();
      for (JsonNode entry : entries) {
        JsonNode fileName = entry.get("FileName");
        if (fileName == null || !fileName.isTextual()) {
          throw new DatasetLayoutException(NAME, root, name + " has an entry without a FileName: " + entry, LAYOUT);
        }
        Map<String, String> attrs = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          // a JSON null is an attribute the recording does not have: left out (it was stored as the string "null")
          if (!e.getKey().equals("FileName") && !e.getKey().equals("FilePath") && !e.getValue().isNull()) {
            attrs.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
          }
        }
        byFile.put(fileName.asText(), attrs);
      }
      return byFile;
    }
    return Map.of();
  }
}
