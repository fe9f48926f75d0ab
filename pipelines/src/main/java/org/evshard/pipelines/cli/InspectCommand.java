package org.evshard.pipelines.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;
import org.evshard.transforms.frame.PreviewImage;
import org.evshard.transforms.stats.EventStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code evshard inspect FILE}: what a recording holds, from one streaming pass (memory bounded by the reader's chunk,
 * whatever the file size), and optionally a picture of it.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Print format, header fields, geometry and its source, event count, duration, event rate, ON/OFF "
        + "ratio, skipped records and trigger count of a recording.",
        "Makes one full decoding pass in bounded memory (usable for whole-process timing); with --split-bytes the "
            + "recording's splits are read in parallel on the Beam runner given by the remaining --options."})
public final class InspectCommand implements Callable<Integer> {

  /** Previews are scaled up (nearest neighbour) until their longer side reaches this. */
  static final int PREVIEW_MIN_SIDE = 256;

  @Parameters(index = "0", paramLabel = "FILE", description = "recording to inspect")
  Path file;

  @Option(names = "--format", paramLabel = "F", defaultValue = CliFormats.AUTO,
      completionCandidates = CliFormats.Candidates.class,
      description = "format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, detected from the file)")
  String format;

  @Option(names = "--sensor", paramLabel = "WxH", description = "sensor geometry when the file does not state it")
  String sensor;

  @Option(names = "--preview", paramLabel = "OUT.png",
      description = "write an accumulated event image (ON blue, OFF red) as PNG")
  Path preview;

  @Option(names = "--overwrite", description = "replace the --preview file when it exists")
  boolean overwrite;

  @Option(names = "--split-bytes", paramLabel = "N", defaultValue = "0",
      description = "read the recording as splits of about N bytes (at least 64 KiB) in parallel on the Beam runner "
          + "(AEDAT 4.0, EVT 2.0/3.0; other formats and small files read in one pass); 0: one pass (default)")
  long splitBytes;

  /**
   * The smallest split, 64 KiB: one worker's task (a 37 KB file in 1-byte splits planned 2,827 tasks, a 70 MB one
   * millions).
   */
  static final long MIN_SPLIT_BYTES = 1 << 16;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "with --split-bytes: an empty folder the workers and this process share for the split "
          + "summaries (default: a new temporary folder, which suits the DirectRunner and embedded runners)")
  Path workDir;

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (preview != null) {
      OutputFile.requireExtension("inspect --preview", preview, "the preview PNG", ".png");
      OutputFile.check(preview, overwrite);
    }
    ReadOptions options = ReadOptions.defaults();
    SensorGeometry given = sensor == null ? null : SensorGeometry.parse(sensor);
    if (given != null) {
      options = options.withSensor(given);
    }
    String formatName = CliFormats.resolve("inspect", file, format);
    boolean formatGiven = CliFormats.nameOrNull(format) != null;
    Optional<SensorGeometry> fromFile = given == null ? Optional.empty() : fileGeometry(formatName);
    StreamingStatistics stats = new StreamingStatistics();
    long triggers = 0;
    Map<String, String> header;
    Map<String, Long> skipped;
    String detected;
    Optional<SensorGeometry> stated;
    int[] on = null;
    int[] off = null;
    long start = System.nanoTime();
    if (splitBytes != 0 && splitBytes < MIN_SPLIT_BYTES) {
      throw new IllegalArgumentException("--split-bytes must be 0 (one pass) or at least " + MIN_SPLIT_BYTES
          + " (64 KiB; a split is one worker's task), got " + splitBytes);
    }
    if (workDir != null && Files.isDirectory(workDir)) {
      try (var entries = Files.list(workDir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("--work-dir " + workDir + " is not empty: give an empty folder (this "
              + "run's split summaries go there, and two runs must not share one)");
        }
      }
    }
    List<RecordingSplit> splits = splitBytes > 0 ? RecordingSplits.plan(file, formatName, splitBytes, options)
        : List.of();
    if (splits.size() > 1) {
      BeamArgs.check(beamArgs);
      try (EventReader reader = EventFormats.defaults().open(file, formatName, options)) {
        detected = reader.formatName();
        stated = reader.geometry();
        header = reader.headerFields();
      }
      Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("evshard-inspect-");
      ParallelInspection.Result r;
      try {
        r = ParallelInspection.run(splits, options, preview != null ? previewable(stated.orElse(null)) : null, beamArgs,
            dir,
            StderrTerminal.isTerminal());
      } finally {
        // the split summaries are this run's only: removed after a failure too (the folder was empty before)
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
        if (workDir == null) {
          Files.deleteIfExists(dir);
        }
      }
      stats = r.stats();
      triggers = r.triggers();
      skipped = r.skipped();
      on = r.on();
      off = r.off();
    } else {
      if (!beamArgs.isEmpty()) {
        throw new IllegalArgumentException("unexpected arguments " + beamArgs + " (Beam options need --split-bytes "
            + "and a recording of more than one split)");
      }
      try (EventReader reader = EventFormats.defaults().open(file, formatName, options);
          FileProgress progress = FileProgress.of("inspect", file)) {
        detected = reader.formatName();
        stated = reader.geometry();
        DecodingPass pass = new DecodingPass(preview != null ? previewable(stated.orElse(null)) : null)
            .read(reader, options.chunkSize(), progress);
        stats = pass.stats;
        triggers = pass.triggers;
        on = pass.on;
        off = pass.off;
        header = reader.headerFields();
        skipped = new java.util.TreeMap<>(reader.skippedCounts()); // by kind, as the split reading merges them
        stated = reader.geometry();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    EventStatistics s = stats.result();
    // the events' extent only when nothing states a geometry, and only when it is one (all x negative has none)
    SensorGeometry geometry = stated.orElseGet(() -> s.count() > 0 && s.extentWidth() >= 1 && s.extentHeight() >= 1
        ? new SensorGeometry(s.extentWidth(), s.extentHeight()) : null);
    String geometrySource;
    if (fromFile.isPresent()) {
      geometrySource = "from the file" + (fromFile.get().equals(given) ? "" : "; --sensor " + given + " not used");
    } else if (stated.isPresent()) {
      geometrySource = given != null ? "given with --sensor" : "from the file";
    } else {
      geometrySource = "not stated; extent of the events";
    }
    System.out.println("file:        " + file);
    System.out.println("format:      " + detected + (formatGiven ? "" : " (detected)"));
    if (!header.isEmpty()) {
      System.out.println("header:");
      for (Map.Entry<String, String> f : header.entrySet()) {
        System.out.println("  " + f.getKey() + ": " + f.getValue());
      }
    }
    System.out.println("geometry:    " + (geometry == null ? "unknown" : geometry) + " (" + geometrySource + ")");
    System.out.println("events:      " + s.count());
    System.out.printf(Locale.ROOT, "time:        %d .. %d us (duration %.6f s)%s%n", s.tMin(), s.tMax(),
        s.durationSeconds(), s.monotonic() ? "" : " [timestamps not monotonic]");
    System.out.printf(Locale.ROOT, "event rate:  %.1f events/s%n", s.eventRate());
    System.out.printf(Locale.ROOT, "polarity:    %d ON, %d OFF (ON/OFF ratio %s)%n", s.on(), s.off(),
        s.off() > 0 ? String.format(Locale.ROOT, "%.3f", s.onOffRatio()) : s.on() > 0 ? "none: no OFF event"
            : "none: no event");
    if (s.count() > 0) {
      boolean outside = geometry != null && (s.minX() < 0 || s.minY() < 0 || s.maxX() >= geometry.width()
          || s.maxY() >= geometry.height());
      boolean negative = geometry == null && (s.minX() < 0 || s.minY() < 0);
      System.out.println("x range:     " + s.minX() + " .. " + s.maxX() + ", y range: " + s.minY() + " .. "
          + s.maxY() + (outside ? "  [events outside the " + geometry + " sensor: convert rejects such a sample, "
          + "representations fail on it]" : negative ? "  [negative coordinates, which no sensor holds: convert "
          + "rejects such a sample]" : ""));
      if (outside) {
        Optional<FirstOutsideEvent> first = FirstOutsideEvent.find(file, detected, options, geometry);
        System.out.println("outside:     " + first.map(e -> "first: " + e.describe())
            .orElse("not found again (the reader learnt its geometry while reading)"));
      }
    }
    System.out.println("skipped:     " + (skipped.isEmpty() ? "none" : describe(skipped)));
    System.out.println("triggers:    " + triggers);
    System.out.printf(Locale.ROOT, "decode pass: %.3f s%s%s%n", seconds, Rates.perSecond(s.count() / 1e6, seconds,
        "M events"), splits.size() > 1 ? ", " + splits.size() + " splits in parallel" : "");
    if (preview != null) {
      if (geometry == null) {
        throw new IllegalArgumentException("no events and no geometry: nothing to preview");
      }
      if (on == null) {
        // the geometry came from the events' extent: a second pass counts them per pixel
        previewable(geometry);
        on = new int[geometry.width() * geometry.height()];
        off = new int[on.length];
        try (EventReader reader = EventFormats.defaults().open(file, detected, options)) {
          EventChunk chunk = new EventChunk(options.chunkSize());
          while (reader.nextChunk(chunk)) {
            accumulate(chunk, geometry, on, off);
          }
        }
      }
      writePng(PreviewImage.render(on, off, geometry), geometry, preview);
      System.out.println("preview:     " + preview + " (ON blue, OFF red)");
    }
    return 0;
  }

  /**
   * {@code g} (null passes), once its preview fits a quarter of the heap: two counts and a colour per pixel, and the
   * image. A header may state up to 32768 x 32768 (a few bytes asking for 17 GB), so the size is checked before
   * anything is allocated by it.
   */
  static SensorGeometry previewable(SensorGeometry g) {
    if (g == null) {
      return null;
    }
    long bytes = PREVIEW_BYTES_PER_PIXEL * g.width() * g.height();
    long limit = Runtime.getRuntime().maxMemory() / 4;
    if (bytes > limit) {
      throw new IllegalArgumentException("--preview of a " + g.width() + "x" + g.height() + " sensor needs " + bytes
          + " bytes (" + PREVIEW_BYTES_PER_PIXEL + " per pixel), more than a quarter of the heap (" + limit + " bytes); "
          + "is the geometry the file states right? inspect it without --preview");
    }
    return g;
  }

  /** Two int counts, an RGB int and the image's int per pixel. */
  static final long PREVIEW_BYTES_PER_PIXEL = 16;

  /** The geometry the file itself states (opened without --sensor), empty when it states none or cannot say. */
  private Optional<SensorGeometry> fileGeometry(String formatName) {
    try (EventReader reader = EventFormats.defaults().open(file, formatName, ReadOptions.defaults())) {
      return reader.geometry();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // e.g. a DAVIS chip of unknown size needs --sensor to open at all
    }
  }

  private static String describe(Map<String, Long> counts) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
    }
    return b.toString();
  }

  static void accumulate(EventChunk c, SensorGeometry g, int[] on, int[] off) {
    int w = g.width();
    int h = g.height();
    for (int i = 0; i < c.size(); i++) {
      int x = c.x[i];
      int y = c.y[i];
      if (x < 0 || y < 0 || x >= w || y >= h) {
        continue;
      }
      if (c.p[i]) {
        on[y * w + x]++;
      } else {
        off[y * w + x]++;
      }
    }
  }

  static void writePng(int[] rgb, SensorGeometry g, Path out) throws IOException {
    int scale = Math.max(1, (PREVIEW_MIN_SIDE + Math.max(g.width(), g.height()) - 1)
        / Math.max(g.width(), g.height()));
    BufferedImage img = new BufferedImage(g.width() * scale, g.height() * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, rgb[(y / scale) * g.width() + x / scale]);
      }
    }
    RenderCommand.writePng(img, out);
  }
}
