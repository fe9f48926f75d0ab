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
    OutputFile.requireExtension("decode", output, "Tonic's event NPY", ".npy");
    OutputFile.check(output, overwrite);
    ReadOptions options = ReadOptions.defaults();
    if (sensor != null) {
      options = options.withSensor(SensorGeometry.parse(sensor));
    }
    long[] count = new long[1];
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
            writer.write(chunk);
            progress.update(reader.bytePosition());
          }
          count[0] = writer.count();
        }
      });
    }
    System.out.println("decoded " + count[0] + " events (" + formatName + ") from " + file + " to " + output);
    return 0;
  }
}
