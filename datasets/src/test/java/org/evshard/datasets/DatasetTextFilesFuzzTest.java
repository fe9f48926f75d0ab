package org.evshard.datasets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The text files a corpus ships, from any bytes: DVS Gesture's label and mapping CSVs, a file listing
 * ({@code --file-list}), and DailyDVS-200's split list with its {@code all_data.json}. Each either gives a valid
 * result or throws an {@link EvshardDatasetException} (the module's root); nothing else escapes. Seeds:
 * {@code DatasetTextFilesFuzzTestInputs/<method>/}, small hand-written files in the published layouts.
 */
class DatasetTextFilesFuzzTest {

  private static final String RECORDING = "a/C1P2M0S1_20231111_09_11_23.aedat4";
  private static final String OTHER = "b/other.aedat4";
  /** One folder for the whole run: two empty recordings, and the text files rewritten for every input. */
  private static final Path ROOT = root();

  @FuzzTest
  void readsAnyBytesAsDvsGestureLabelFiles(byte[] input) throws IOException {
    Path csv = write("user01_natural_labels.csv", input);
    try {
      for (long[] row : DvsGesture.readLabels(ROOT, csv, "user01_natural_labels.csv")) {
        if (row[0] < 1 || row[0] > DvsGesture.CLASS_NAMES.size() || row[1] < 0 || row[1] >= row[2]) {
          throw new AssertionError("row " + row[0] + "," + row[1] + "," + row[2]);
        }
      }
    } catch (EvshardDatasetException expected) {
      // a layout error naming the file and line
    }
    Path mapping = write(DvsGesture.MAPPING, input);
    try {
      List<String> names = DvsGesture.classNames(ROOT, mapping);
      if (names.size() != DvsGesture.CLASS_NAMES.size() || names.stream().anyMatch(n -> n == null)) {
        throw new AssertionError("class names " + names);
      }
    } catch (EvshardDatasetException expected) {
      // a layout error
    }
  }

  @FuzzTest
  void readsAnyBytesAsAFileListing(byte[] input) throws IOException {
    Path list = write("files.txt", input);
    try {
      FileListing listing = FileListing.read(list);
      for (String p : listing.paths()) {
        String segments = "/" + p + "/";
        if (p.isEmpty() || p.startsWith("/") || p.endsWith("/") || p.contains("\\") || p.contains("//")
            || segments.contains("/../") || segments.contains("/./")) {
          throw new AssertionError("listed path '" + p + "'");
        }
      }
    } catch (EvshardDatasetException expected) {
      // a list error naming the line
    }
  }

  /** The first part of the input is {@code train.txt}, the rest {@code all_data.json}. */
  @FuzzTest
  void discoversDailyDvs200FromAnyListAndAttributes(FuzzedDataProvider data) throws IOException {
    byte[] list = data.consumeBytes(data.consumeInt(0, 4096));
    byte[] attributes = data.consumeRemainingAsBytes();
    write("train.txt", list);
    Path json = ROOT.resolve("all_data.json");
    if (attributes.length > 0) {
      Files.write(json, attributes);
    } else {
      Files.deleteIfExists(json);
    }
    try {
      Discovery d = new DailyDvs200().discover(ROOT, DiscoveryOptions.defaults());
      for (SampleRef s : d.samples()) {
        if (s.label() < 0 || s.label() >= DailyDvs200.CLASS_COUNT || !Set.of(RECORDING, OTHER).contains(s.source())
            || !s.split().equals("train")) {
          throw new AssertionError("sample " + s);
        }
      }
    } catch (EvshardDatasetException expected) {
      // a layout error
    }
  }

  private static Path write(String name, byte[] bytes) throws IOException {
    return Files.write(ROOT.resolve(name), bytes);
  }

  private static Path root() {
    try {
      Path root = Files.createTempDirectory("evshard-datasets-fuzz-");
      for (String rec : List.of(RECORDING, OTHER)) {
        Files.createDirectories(root.resolve(rec).getParent());
        Files.createFile(root.resolve(rec));
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
