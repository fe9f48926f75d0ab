package org.evshard.pipelines.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;
import org.evshard.pipelines.runner.BeamOptions;
import org.evshard.pipelines.runner.PipelineRun;
import org.evshard.pipelines.runner.TaskSource;

/**
 * {@code evshard inspect --split-bytes N}: the decoding pass over the splits of one recording
 * ({@link RecordingSplits#plan}), one split per task on the Beam runner's workers. Each task streams its split and
 * writes a {@link Summary} (statistics, trigger and skip counts, optional per-pixel counts) into a work folder the
 * workers and the launching process share; the launcher merges them in split order, which gives what one sequential
 * pass gives.
 */
final class ParallelInspection {

  static final String SPLITS_COUNTER = "splits";

  private ParallelInspection() {}

  /** What one split held. */
  record Summary(int index, StreamingStatistics stats, long triggers, Map<String, Long> skipped, int[] on,
      int[] off) implements Serializable {}

  /** The merged pass: the same fields a sequential pass collects. */
  record Result(StreamingStatistics stats, long triggers, Map<String, Long> skipped, int[] on, int[] off) {}

  /**
   * Reads {@code splits} on the runner {@code beamArgs} name and merges them.
   *
   * @param pixels the geometry to count events per pixel in (for the preview), or null
   * @param workDir an empty folder the workers can write and this process read
   */
  static Result run(List<RecordingSplit> splits, ReadOptions options, SensorGeometry pixels, List<String> beamArgs,
      Path workDir, boolean progress) throws IOException {
    Pipeline p = Pipeline.create(BeamOptions.forRun(beamArgs));
    p.apply("InspectSplits", Read.from(new TaskSource<>(splits,
        new InspectSplit(options, pixels, workDir.toAbsolutePath().toString()), VarIntCoder.of())));
    PipelineRun.runToEnd(p, "inspect", splits.size(), progress, InspectSplit.class, SPLITS_COUNTER);
    StreamingStatistics stats = new StreamingStatistics();
    long triggers = 0;
    Map<String, Long> skipped = new TreeMap<>();
    int[] on = pixels == null ? null : new int[pixels.width() * pixels.height()];
    int[] off = on == null ? null : new int[on.length];
    for (RecordingSplit split : splits) {
      Path file = workDir.resolve(InspectSplit.fileName(split.index()));
      Summary s;
      try (InputStream in = Files.newInputStream(file); ObjectInputStream o = new ObjectInputStream(in)) {
        s = (Summary) o.readObject();
      } catch (ClassNotFoundException e) {
        throw new IOException("cannot read " + file, e);
      }
      stats.merge(s.stats());
      triggers += s.triggers();
      s.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
      if (on != null) {
        for (int i = 0; i < on.length; i++) {
          on[i] += s.on()[i];
          off[i] += s.off()[i];
        }
      }
    }
    return new Result(stats, triggers, skipped, on, off);
  }

  /** Streams one split and writes its summary as {@code split-NNNNN.ser} (to a temporary name first). */
  static final class InspectSplit implements TaskSource.Work<RecordingSplit, Integer> {
    private static final long serialVersionUID = 1L;
    private final ReadOptions options;
    private final SensorGeometry pixels;
    private final String workDir;
    private final Counter done = Metrics.counter(InspectSplit.class, SPLITS_COUNTER);

    InspectSplit(ReadOptions options, SensorGeometry pixels, String workDir) {
      this.options = options;
      this.pixels = pixels;
      this.workDir = workDir;
    }

    static String fileName(int index) {
      return String.format("split-%05d.ser", index);
    }

    @Override
    public Integer run(RecordingSplit split) throws IOException {
      DecodingPass pass;
      Map<String, Long> skipped;
      try (EventReader reader = RecordingSplits.open(split, options)) {
        pass = new DecodingPass(pixels).read(reader, options.chunkSize());
        skipped = new TreeMap<>(reader.skippedCounts());
      }
      Path dir = Path.of(workDir);
      Path temp = Files.createTempFile(dir, "split-", ".tmp");
      try (OutputStream out = Files.newOutputStream(temp); ObjectOutputStream o = new ObjectOutputStream(out)) {
        o.writeObject(new Summary(split.index(), pass.stats, pass.triggers, skipped, pass.on, pass.off));
      }
      Files.move(temp, dir.resolve(fileName(split.index())), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      done.inc();
      return split.index();
    }
  }
}
