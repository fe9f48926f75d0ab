package org.evshard.pipelines.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.file.AtomicFiles;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEventChannelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evshard decode FILE -o OUT.npy}: one recording to Tonic's structured NPY. */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Decode one recording to a .npy file in Tonic's event dtype [x <i2, y <i2, t <i8, p bool].")
public final class DecodeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "recording to decode")
  Path file;

  @Option(names = "--format", paramLabel = "F", defaultValue = CliFormats.AUTO,
      completionCandidates = CliFormats.Candidates.class,
      description = "format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, detected from the file)")
  String format;

  @Option(names = "--sensor", paramLabel = "WxH", description = "sensor geometry when the file does not state it")
  String sensor;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.npy", description = "output .npy file")
  Path output;

  @Option(names = "--overwrite", description = "replace OUT when it exists")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    // a mapped input (HDF5) cut while read: the late fault can surface outside the reader
    return org.evshard.io.error.MappedFileFault.naming(file.toString(), this::run);
  }

  private Integer run() throws Exception {
    OutputFile.requireExtension("decode", output, "Tonic's event NPY", ".npy");
    OutputFile.check(output, overwrite);
    ReadOptions options = ReadOptions.defaults();
    if (sensor != null) {
      options = options.withSensor(SensorGeometry.parse(sensor));
    }
    long[] count = new long[1];
    long[] outside = {0, -1, 0, 0}; // events outside the sensor; index, x, y of the first
    SensorGeometry[] geometry = new SensorGeometry[1];
    String formatName;
    // streamed: memory stays at one chunk whatever the recording's size; the output appears only once complete
    try (EventReader reader = EventFormats.defaults().open(file, CliFormats.resolve("decode", file, format),
        options)) {
      formatName = reader.formatName();
      EventChunk chunk = new EventChunk(options.chunkSize());
      AtomicFiles.writeChannel(output, channel -> {
        try (NpyEventChannelWriter writer = new NpyEventChannelWriter(channel);
            FileProgress progress = FileProgress.of("decode", file)) {
          while (reader.nextChunk(chunk)) {
            geometry[0] = reader.geometry().orElse(null);
            if (geometry[0] != null) {
              countOutside(chunk, geometry[0], writer.count(), outside);
            }
            writer.write(chunk);
            progress.update(reader.bytePosition());
          }
          count[0] = writer.count();
        }
      });
    }
    System.out.println("decoded " + count[0] + " events (" + formatName + ") from " + file + " to " + output);
    if (outside[0] > 0) {
      System.err.println("evshard decode: warning: " + outside[0] + " of the " + count[0] + " events lie outside the "
          + geometry[0] + " sensor (first: event " + outside[1] + " at x=" + outside[2] + ", y=" + outside[3]
          + "); they are in " + output + " as read, but convert rejects such a sample and the representations fail "
          + "on it (`evshard inspect " + file + "` gives the byte offset)");
    }
    return 0;
  }

  /** Adds the events of {@code c} outside {@code g} to {@code outside[0]}; the first one's index, x, y after it. */
  private static void countOutside(EventChunk c, SensorGeometry g, long before, long[] outside) {
    for (int i = 0; i < c.size(); i++) {
      if (!g.contains(c.x[i], c.y[i])) {
        if (outside[0]++ == 0) {
          outside[1] = before + i;
          outside[2] = c.x[i];
          outside[3] = c.y[i];
        }
      }
    }
  }
}
