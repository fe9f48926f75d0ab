package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.evshard.io.events.SensorGeometry;

/**
 * DVS128 Gesture (Amir et al., IBM, CVPR 2017): 11 hand and arm gestures by 29 subjects under 5 lighting conditions,
 * recorded with a DVS128 in AEDAT 3.1. Each recording {@code userNN_<lighting>.aedat} comes with
 * {@code userNN_<lighting>_labels.csv} ({@code class,startTime_usec,endTime_usec}); <b>each labelled interval is one
 * sample</b>, a {@link SampleRef} with the time window {@code [startTime_usec, endTime_usec)} on the recording's own
 * clock (the decode step must keep only the events inside it). Labels: the csv's class 1..11 minus one, as Tonic's
 * {@code DVSGesture} does; names from {@code gesture_mapping.csv} with surrounding spaces trimmed (the published file
 * has trailing spaces), or the built-in list when the file is absent. Split: official, {@code trials_to_train.txt}
 * and {@code trials_to_test.txt} list the recordings; recordings in neither list are ignored; either list marks the
 * {@code DvsGesture*} folder below the root. A recording whose label file is missing, bad or lists no interval is
 * rejected. With a {@code --file-list}, an unlisted file is not seen (trial lists, labels, mapping); a recording the
 * trial lists name but the file list does not is rejected, as one missing from the folder. Sample ids read
 * {@code dvsgesture/user01_natural/03} (the interval's index in the label file, from 00).
 *
 * <p>Published by IBM Research (research.ibm.com/dvsgesture, archive {@code DvsGesture.tar.gz}); sensor 128x128.
 */
public final class DvsGesture implements DatasetDescriptor {

  public static final String NAME = "dvsgesture";
  public static final String FORMAT = "aedat31";
  public static final SensorGeometry SENSOR = new SensorGeometry(128, 128);
  public static final String TRAIN_LIST = "trials_to_train.txt";
  public static final String TEST_LIST = "trials_to_test.txt";
  public static final String MAPPING = "gesture_mapping.csv";

  /** The class names of gesture_mapping.csv (labels 1..11 there, 0..10 here). */
  public static final List<String> CLASS_NAMES = List.of("hand_clapping", "right_hand_wave", "left_hand_wave",
      "right_arm_clockwise", "right_arm_counter_clockwise", "left_arm_clockwise", "left_arm_counter_clockwise",
      "arm_roll", "air_drums", "air_guitar", "other_gestures");

  static final String LAYOUT = "DvsGesture/ (or its content as the root) holding userNN_<lighting>.aedat, "
      + "userNN_<lighting>_labels.csv (class,startTime_usec,endTime_usec), " + TRAIN_LIST + ", " + TEST_LIST
      + " and optionally " + MAPPING;

  private static final DatasetFacts FACTS = new DatasetFacts(
      "Amir et al.: A Low Power, Fully Event-Based Gesture Recognition System, CVPR 2017 (IBM Research, "
          + "DvsGesture.tar.gz)",
      SENSOR.toString(),
      CLASS_NAMES.size(),
      String.join(", ", CLASS_NAMES) + "; label = csv class - 1 (as Tonic)",
      "official: recordings listed in " + TRAIN_LIST + " -> train, " + TEST_LIST + " -> test; one sample per "
          + "labelled interval [start, end) of a recording",
      "AEDAT 3.1 (" + FORMAT + "), time windows from *_labels.csv",
      LAYOUT);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String title() {
    return "DVS128 Gesture";
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
    String prefix = "";
    Path dir = root;
    if (!hasTrialList(root, root, options)) {
      for (TreeNode child : TreeNode.list(root, root, 1, options).children()) {
        if (child.isDirectory() && child.name().startsWith("DvsGesture")
            && hasTrialList(root, root.resolve(child.name()), options)) {
          prefix = child.name() + "/";
          dir = root.resolve(child.name());
          break;
        }
      }
    }
    Map<String, String> trials = new LinkedHashMap<>(); // recording file name -> split
    readTrials(root, dir.resolve(TRAIN_LIST), "train", trials, options);
    readTrials(root, dir.resolve(TEST_LIST), "test", trials, options);
    if (trials.isEmpty()) {
      throw new DatasetLayoutException(NAME, root, "has no " + TRAIN_LIST + " or " + TEST_LIST
          + " listing recordings", LAYOUT);
    }
    List<String> names = classNames(root, isFile(root, dir.resolve(MAPPING), options) ? dir.resolve(MAPPING) : null);
    List<SampleRef> samples = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>(List.of(TRAIN_LIST, TEST_LIST, MAPPING));
    List<RejectedInput> rejected = new ArrayList<>();
    for (Map.Entry<String, String> trial : trials.entrySet()) {
      String file = trial.getKey();
      String stem = LayoutSupport.stem(file);
      if (!isListed(root, dir.resolve(file), options)) { // as a recording missing from the folder: never unnoticed
        used.add(file); // (a stale or partial list dropped the whole test split without a word)
        rejected.add(new RejectedInput(NAME + "/" + stem, prefix + file, "the trial lists name " + file
            + " but the --file-list does not list " + prefix + file + " (a stale or partial list?)"));
        continue;
      }
      Path labels = dir.resolve(stem + "_labels.csv");
      used.add(file);
      used.add(stem + "_labels.csv");
      // a recording without usable labels is rejected on its own; the other recordings still convert
      if (!isFile(root, labels, options)) {
        rejected.add(new RejectedInput(NAME + "/" + stem, prefix + file, "the trial lists name " + file + " but "
            + prefix + stem + "_labels.csv is missing: its labelled intervals are unknown"));
        continue;
      }
      List<long[]> intervals;
      try {
        intervals = readLabels(root, labels, prefix + stem + "_labels.csv");
      } catch (DatasetLayoutException bad) {
        rejected.add(new RejectedInput(NAME + "/" + stem, prefix + file, bad.problem()));
        continue;
      }
      if (intervals.isEmpty()) {
        rejected.add(new RejectedInput(NAME + "/" + stem, prefix + file, prefix + stem
            + "_labels.csv lists no labelled interval, so the recording gives no sample"));
        continue;
      }
      for (int i = 0; i < intervals.size(); i++) {
        long[] row = intervals.get(i);
        int label = (int) row[0] - 1;
        samples.add(new SampleRef(String.format("%s/%s/%02d", NAME, stem, i), NAME, prefix + file, trial.getValue(),
            label, names.get(label), null, null, FORMAT, SENSOR).withTimeWindow(row[1], row[2]));
      }
    }
    for (TreeNode child : TreeNode.list(root, dir, 1, options).children()) {
      if (!used.contains(child.name())) {
        ignored.add(prefix + child.name() + (child.isDirectory() ? "/" : ""));
      }
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("dataset", NAME);
    parameters.put("source", prefix.isEmpty() ? "./" : prefix);
    parameters.put("split_rule", "official_trial_lists");
    parameters.put("sample_unit", "labelled_interval");
    parameters.put("max_samples", options.maxSamples());
    return LayoutSupport.finish(NAME, root, LAYOUT, samples, ignored, parameters, options.maxSamples(), rejected);
  }

  /** Whether {@code dir} holds a trial list (as the --file-list has it, when one is given). */
  private static boolean hasTrialList(Path root, Path dir, DiscoveryOptions options) {
    return isFile(root, dir.resolve(TRAIN_LIST), options) || isFile(root, dir.resolve(TEST_LIST), options);
  }

  /** {@code file} is a regular file, and listed when discovery matches a {@link FileListing}: unlisted is unseen. */
  private static boolean isFile(Path root, Path file, DiscoveryOptions options) {
    return isListed(root, file, options) && Files.isRegularFile(file);
  }

  /** No {@link FileListing}, or {@code file} is in it. */
  private static boolean isListed(Path root, Path file, DiscoveryOptions options) {
    return options.listing() == null
        || options.listing().paths().contains(root.relativize(file).toString().replace('\\', '/'));
  }

  private static void readTrials(Path root, Path list, String split, Map<String, String> trials,
      DiscoveryOptions options) throws IOException {
    if (!isFile(root, list, options)) {
      return;
    }
    for (String line : TextFiles.readLines(list, problem -> new DatasetLayoutException(NAME, root,
        list.getFileName() + " " + problem, LAYOUT))) {
      String name = line.trim();
      if (name.isEmpty()) {
        continue;
      }
      String previous = trials.put(name, split);
      if (previous != null && !previous.equals(split)) {
        throw new DatasetLayoutException(NAME, root, "lists " + name + " in both trials_to_" + previous
            + ".txt and " + list.getFileName() + ", so its split is not known", LAYOUT);
      }
    }
  }

  /** The 11 names of gesture_mapping.csv ({@code action,label}, labels 1..11), trimmed; the built-in list without it. */
  static List<String> classNames(Path root, Path mapping) throws IOException {
    if (mapping == null || !Files.isRegularFile(mapping)) {
      return CLASS_NAMES;
    }
    String[] names = new String[CLASS_NAMES.size()];
    List<String> lines = TextFiles.readLines(mapping, problem -> new DatasetLayoutException(NAME, root,
        MAPPING + " " + problem, LAYOUT));
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(",");
      int label = parts.length == 2 ? parseInt(parts[1].trim()) : -1;
      if (label < 1 || label > names.length || names[label - 1] != null) {
        throw new DatasetLayoutException(NAME, root, MAPPING + " line " + (n + 1) + " '" + line
            + "' is not 'action,label' with a new label 1.." + names.length, LAYOUT);
      }
      names[label - 1] = parts[0].trim();
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null) {
        throw new DatasetLayoutException(NAME, root, MAPPING + " has no name for label " + (i + 1), LAYOUT);
      }
    }
    return List.of(names);
  }

  /**
   * Rows {@code {class, start, end}} of a label file, in file order; checks 1 <= class <= 11, start < end, and that
   * no two intervals overlap.
   */
  static List<long[]> readLabels(Path root, Path csv, String shownName) throws IOException {
    List<long[]> rows = new ArrayList<>();
    java.util.Map<long[], Integer> lineOf = new java.util.IdentityHashMap<>();
    List<String> lines = TextFiles.readLines(csv, problem -> new DatasetLayoutException(NAME, root,
        shownName + " " + problem, LAYOUT));
    for (int n = 1; n <= lines.size(); n++) {
      String text = lines.get(n - 1).trim();
      // the header in any case (a spreadsheet re-saved it as Class,StartTime_usec,... and the recording was rejected)
      if (text.isEmpty() || (n == 1 && text.toLowerCase(java.util.Locale.ROOT).startsWith("class"))) {
        continue;
      }
      String[] parts = text.split(",");
      long[] row = new long[3];
      boolean ok = parts.length == 3;
      for (int i = 0; ok && i < 3; i++) {
        row[i] = parseLong(parts[i].trim());
        ok = row[i] >= 0;
      }
      if (!ok || row[0] < 1 || row[0] > CLASS_NAMES.size() || row[1] >= row[2]) {
        throw new DatasetLayoutException(NAME, root, shownName + " line " + n + " '" + text
            + "' is not class (1.." + CLASS_NAMES.size() + "),startTime_usec,endTime_usec: three whole numbers >= 0 "
            + "with start < end", LAYOUT);
      }
      rows.add(row);
      lineOf.put(row, n);
    }
    // intervals that share events would give one event to two samples (under two classes, or twice under one): a
    // label file listing one window 3,000 times under cycling classes wrote 6,000 rows of the same events
    List<long[]> byStart = new ArrayList<>(rows);
    byStart.sort((a, b) -> Long.compare(a[1], b[1]));
    for (int i = 1; i < byStart.size(); i++) {
      long[] before = byStart.get(i - 1);
      long[] row = byStart.get(i);
      if (row[1] < before[2]) {
        throw new DatasetLayoutException(NAME, root, shownName + " line " + lineOf.get(row) + " (class " + row[0]
            + ", [" + row[1] + ", " + row[2] + ") us) overlaps line " + lineOf.get(before) + " (class " + before[0]
            + ", [" + before[1] + ", " + before[2] + ") us): an event would belong to two samples", LAYOUT);
      }
    }
    return rows;
  }

  private static int parseInt(String s) {
    long v = parseLong(s);
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /** A whole number >= 0, also written as pandas writes one ({@code 100000.0}, as np.loadtxt reads it); else -1. */
  private static long parseLong(String s) {
    String digits = s.matches("\\d+\\.0*") ? s.substring(0, s.indexOf('.')) : s;
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
