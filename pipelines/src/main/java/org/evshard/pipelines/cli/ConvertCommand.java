package org.evshard.pipelines.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.evshard.datasets.DatasetDescriptor;
import org.evshard.datasets.Datasets;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.io.error.Wording;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.ShardFormat;
import org.evshard.pipelines.convert.ConvertJob;
import org.evshard.pipelines.convert.ConvertResult;
import org.evshard.pipelines.convert.ConvertSettings;
import org.evshard.pipelines.convert.PairingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code evshard convert}: a dataset folder to shards, on the DirectRunner unless Beam options say otherwise. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert a dataset folder to Parquet or Arrow shards (one row per sample).",
        "Standard Beam options (e.g. --runner=FlinkRunner) are passed to the pipeline."})
public final class ConvertCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "dataset (see: evshard datasets)")
  String dataset;

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "dataset root folder")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
  Path output;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "F",
      description = "event format of every recording: auto (default: what the dataset names; where it names none, "
          + "e.g. the folder dataset's .raw files, detected from each file's header) or a registry name (see "
          + "evshard decode --help)")
  String format;

  @Option(names = "--sensor", paramLabel = "WxH",
      description = "sensor geometry of recordings whose file states none and whose dataset names none (e.g. "
          + "--dataset folder); a sample with an event outside it is rejected (default: the extent of its events)")
  String sensor;

  @Option(names = "--shard-format", defaultValue = "parquet", paramLabel = "parquet|arrow",
      description = "shard file format (default: ${DEFAULT-VALUE})")
  String shardFormat;

  @Option(names = "--shards-per-split", defaultValue = "0", paramLabel = "N",
      description = "shards per split; 0 chooses from the input size (default)")
  int shardsPerSplit;

  @Option(names = "--test-fraction", paramLabel = "F",
      description = "test fraction for datasets without an official split (default: the dataset's own, 0.2 "
          + "unless `evshard datasets` says otherwise)")
  Double testFraction;

  @Option(names = "--include-background",
      description = "N-Caltech101: keep BACKGROUND_Google, as the last class (label 100 in the published corpus; "
          + "the object classes keep their labels)")
  boolean includeBackground;

  @Option(names = "--file-list", paramLabel = "FILE",
      description = "the input's files, one relative path per line: discovery matches the layout against this "
          + "list instead of walking the input folder (e.g. a large pool on a network file system)")
  Path fileList;

  @Option(names = "--max-events", paramLabel = "N", description = "reject samples with more events (default "
      + ReadOptions.DEFAULT_MAX_EVENTS + "; on each worker at most what a twelfth of its heap holds, 13 bytes an "
      + "event); when the --transform chain starts with its slicer, a longer recording is sliced while streamed and "
      + "N limits each slice (not a labelled interval of DVS Gesture: it is held whole, so N limits the interval)")
  Long maxEvents;

  @Option(names = "--overwrite", description = "replace the results of an earlier run in the output folder")
  boolean overwrite;

  @Option(names = "--no-progress", description = "no progress bar on stderr")
  boolean noProgress;

  @Option(names = {"-t", "--transform"}, paramLabel = "SPEC",
      description = {"transform applied per sample (Tonic names, e.g. 'denoise(filter_time=10000)'); repeat for a "
          + "chain: filters, then optionally a slicer (one row per slice, sample_id#sNNNN), then optionally a "
          + "representation stored in the tensor column (e.g. 'slice_by_time(time_window=500000)' "
          + "'frame(n_time_bins=10)')"})
  List<String> transforms = new ArrayList<>();

  @Option(names = "--pair-with", paramLabel = "DIR", description = {"pair every sample with a static image of its "
      + "class from this folder, stored in the same row (static_* columns; e.g. Caltech101's 101_ObjectCategories "
      + "for N-Caltech101)"})
  Path pairWith;

  @Option(names = "--pair-dataset", defaultValue = "image-folder", paramLabel = "NAME",
      description = "image corpus layout of --pair-with (default: image-folder, which reads Caltech101 as published)")
  String pairDataset;

  @Option(names = "--pair-fraction", defaultValue = "1.0", paramLabel = "F",
      description = "share of each static class the partners are drawn from, (0, 1] (default: 1.0)")
  double pairFraction;

  @Option(names = "--pair-seed", defaultValue = "0", paramLabel = "S", description = "seed of the pairing (default: 0)")
  long pairSeed;

  @Option(names = "--pair-size", defaultValue = "64x64", paramLabel = "WxH",
      description = "size the static image is scaled to, aspect ratio not kept (default: 64x64)")
  String pairSize;

  @Option(names = "--pair-value-channel", description = "store only the HSV value channel of the static image")
  boolean pairValueChannel;

  @Option(names = "--pair-label-map", paramLabel = "CSV",
      description = "lines 'event_class,static_class' for corpora whose class names differ (default: same names)")
  Path pairLabelMap;

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    BeamArgs.check(beamArgs);
    // the dataset's own conventions (e.g. CIFAR10-DVS tests 0.1) unless the user says otherwise
    if (testFraction != null && !(testFraction >= 0 && testFraction <= 1)) {
      throw new IllegalArgumentException("--test-fraction must be within 0..1, got " + testFraction);
    }
    if (maxEvents != null && maxEvents <= 0) {
      throw new IllegalArgumentException("--max-events must be at least 1, got " + maxEvents);
    }
    DatasetDescriptor descriptor = Datasets.byName(dataset);
    DiscoveryOptions discovery = DiscoveryOptions.defaultsFor(descriptor);
    if (testFraction != null) {
      discovery = discovery.withTestFraction(testFraction);
    }
    discovery = discovery.withIncludeBackground(includeBackground);
    if (fileList != null) {
      discovery = discovery.withListing(org.evshard.datasets.FileListing.read(fileList));
    }
    ReadOptions read = ReadOptions.defaults();
    if (maxEvents != null) {
      read = read.withMaxEvents(maxEvents);
    }
    if (sensor != null) {
      read = read.withSensor(SensorGeometry.parse(sensor));
    }
    ConvertSettings settings = new ConvertSettings(dataset, input, output,
        ShardFormat.fromName(shardFormat.toLowerCase(Locale.ROOT)), shardsPerSplit,
        ConvertSettings.DEFAULT_TARGET_SHARD_BYTES, read, discovery, overwrite,
        !noProgress && StderrTerminal.isTerminal(), beamArgs, transforms,
        "auto".equalsIgnoreCase(format) ? null : format);
    if (pairWith != null) {
      settings = settings.withPairing(pairing());
    }
    ConvertResult r = ConvertJob.run(settings);
    report(r);
    Map<String, Object> used = org.evshard.io.shard.Manifest.read(r.manifest()).parameters();
    if (testFraction != null && !used.containsKey("test_fraction")) {
      System.err.println("note: --test-fraction " + testFraction + " was not used: " + dataset + " has its own "
          + "split (" + used.getOrDefault("split_rule", "from its layout") + ")");
    }
    fewerShardsNote(shardsPerSplit, used).ifPresent(System.err::println);
    if (includeBackground && descriptor.backgroundClass() == null) {
      System.err.println("note: --include-background was not used: " + dataset + " has no optional clutter class "
          + "(the option adds N-Caltech101's BACKGROUND_Google)");
    }
    if (r.written() == 0 && r.discovered() > 0) {
      boolean kept = !r.manifest().getParent().equals(r.output());
      System.err.println("evshard convert: no sample was written: all " + r.discovered() + " inputs were rejected "
          + "(see " + r.manifest().resolveSibling("errors.jsonl") + ")" + (kept ? "; the earlier results in "
          + r.output() + " were kept" : ""));
      return 1;
    }
    if (r.discovered() == 0) {
      // e.g. an archive extracted one level too deep (Train/Train/0/...): the root's folders exist, no sample does
      System.err.println("evshard convert: no sample was written: no sample of " + dataset + " was found under "
          + input + "; check its layout against `evshard datasets`" + (used.get("ignored") == null ? ""
          : " (entries found but ignored are listed above)"));
      return 1;
    }
    return 0;
  }

  private PairingSettings pairing() throws java.io.IOException {
    SensorGeometry size;
    try {
      size = SensorGeometry.parse(pairSize);
    } catch (IllegalArgumentException e) { // the same syntax as a sensor, but not the sensor: say which option
      throw new IllegalArgumentException("--pair-size '" + pairSize + "' (the static images' size): "
          + e.getMessage(), e);
    }
    java.util.Map<String, String> map = new java.util.TreeMap<>();
    if (pairLabelMap != null) {
      int line = 0;
      for (String l : org.evshard.datasets.TextFiles.readLines(pairLabelMap,
          problem -> new IllegalArgumentException(pairLabelMap + " " + problem))) {
        line++;
        if (l.isBlank() || l.startsWith("#")) {
          continue;
        }
        String[] parts = l.split(",", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
          throw new IllegalArgumentException(pairLabelMap + " line " + line + ": expected 'event_class,static_class', "
              + "got '" + l + "'");
        }
        String before = map.put(parts[0].trim(), parts[1].trim());
        if (before != null && !before.equals(parts[1].trim())) { // the last line silently won before
          throw new IllegalArgumentException(pairLabelMap + " line " + line + ": event class '" + parts[0].trim()
              + "' is mapped again, to '" + parts[1].trim() + "' (an earlier line maps it to '" + before + "')");
        }
      }
    }
    return new PairingSettings(pairDataset, pairWith, pairFraction, pairSeed, size.width(), size.height(),
        pairValueChannel, map);
  }

  /**
   * A note when {@code --shards-per-split} asked for more shards than a split got: a sample (a recording, with all its
   * slices) is never divided between shards, so a split of fewer samples has one shard per sample. Empty when the
   * option was not given or every split got its count.
   */
  static java.util.Optional<String> fewerShardsNote(int requested, Map<String, Object> used) {
    if (requested <= 0 || !(used.get("shards_per_split") instanceof Map<?, ?> written)) {
      return java.util.Optional.empty();
    }
    List<String> fewer = new java.util.ArrayList<>();
    new java.util.TreeMap<>(written).forEach((split, n) -> {
      if (((Number) n).intValue() < requested) {
        fewer.add(split + " " + n);
      }
    });
    return fewer.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of("note: --shards-per-split " + requested + " is more than some splits have samples, "
            + "and a sample is never divided between shards: written in fewer (" + String.join(", ", fewer)
            + "; manifest parameters 'shards_per_split')");
  }

  /**
   * {@code 12 .raw files state no encoding: read as evt3; pass --format evt2 or --format evt21 to read them as another
   * (manifest parameters 'encoding_assumed')}.
   */
  static String assumedNote(String extension, Map<?, ?> entry) {
    long count = ((Number) entry.get("count")).longValue();
    List<?> others = entry.get("others") instanceof List<?> l ? l : List.of();
    return count + " " + extension + " file" + (count == 1 ? " states" : "s state") + " no encoding: read as "
        + entry.get("read_as") + (others.isEmpty() ? "" : "; pass --format "
        + String.join(" or --format ", others.stream().map(String::valueOf).toList()) + " to read "
        + (count == 1 ? "it" : "them") + " as another") + " (manifest parameters 'encoding_assumed')";
  }

  static void report(ConvertResult r) {
    System.out.printf(Locale.ROOT, "converted %d samples: %d written in %s, %d rejected, %.1f s%s%n",
        r.discovered(), r.written(), Wording.count(r.shards(), "shard"), r.rejected(), r.seconds(),
        Rates.perSecond(r.discovered(), r.seconds(), "samples"));
    StringBuilder phases = new StringBuilder();
    r.phaseSeconds().forEach((phase, sec) -> phases.append(phases.length() == 0 ? "" : ", ")
        .append(String.format(Locale.ROOT, "%s %.2f s", phase, sec)));
    System.out.println("phases:   " + phases);
    if (r.rows() != r.written()) {
      System.out.println("rows:     " + r.rows() + " (slices)");
    }
    System.out.println("output:   " + r.output());
    System.out.println("manifest: " + r.manifest());
    if (r.rejected() > 0) {
      System.out.println("rejected: see " + r.manifest().resolveSibling("errors.jsonl"));
    }
    Map<String, Object> parameters = org.evshard.io.shard.Manifest.read(r.manifest()).parameters();
    Object ignored = parameters.get("ignored");
    if (ignored instanceof Map<?, ?> m) {
      long count = ((Number) m.get("count")).longValue();
      System.out.println("ignored:  " + count + (count == 1 ? " entry that is not a sample"
          : " entries that are not samples") + " of this dataset, e.g. " + m.get("first")
          + " (manifest parameters 'ignored')");
    }
    if (parameters.get("encoding_assumed") instanceof Map<?, ?> assumed) {
      for (Map.Entry<?, ?> e : assumed.entrySet()) {
        System.err.println("note: " + assumedNote(String.valueOf(e.getKey()), (Map<?, ?>) e.getValue()));
      }
    }
  }
}
