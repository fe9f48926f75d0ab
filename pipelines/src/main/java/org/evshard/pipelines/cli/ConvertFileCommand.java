package org.evshard.pipelines.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.evshard.io.aedat.Aedat4Compression;
import org.evshard.io.aedat.Aedat4Format;
import org.evshard.io.aedat.Aedat4Writer;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.file.AtomicFiles;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEventChannelWriter;
import org.evshard.io.npy.NpyEventFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evshard convert-file IN OUT}: one recording to another event format, streamed chunk by chunk through the
 * target format's writer ({@code EventFormat.openWriter}), or for NPY, whose header states the count, through a
 * seekable channel that gets the header last: memory stays bounded whatever the format. The output appears only once
 * complete (written to a temporary sibling, then
 * renamed). Trigger events are not carried over (no writer stores them); their count is reported.
 */
@Command(name = "convert-file", mixinStandardHelpOptions = true,
    description = {"Convert one recording to another event format (streamed).",
        "Writers: npy, atis-bin, evt3, aedat4 (--codec lz4|zstd|none), dat."})
public final class ConvertFileCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN", description = "recording to read")
  Path input;

  @Parameters(index = "1", paramLabel = "OUT", description = "file to write")
  Path output;

  @Option(names = "--format", paramLabel = "F", defaultValue = CliFormats.AUTO,
      completionCandidates = CliFormats.Candidates.class,
      description = "input format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, detected from the file)")
  String format;

  @Option(names = "--to", paramLabel = "FORMAT",
      description = "output format (default: from OUT's extension, e.g. .raw -> evt3, .aedat4, .dat, .bin, .npy)")
  String to;

  @Option(names = "--sensor", paramLabel = "WxH", description = "sensor geometry when IN does not state it")
  String sensor;

  @Option(names = "--codec", paramLabel = "lz4|zstd|none",
      description = "AEDAT 4.0 packet compression (default: lz4); only for an aedat4 output")
  String codec;

  @Option(names = "--overwrite", description = "replace OUT when it exists")
  boolean overwrite;

  @Option(names = "--time-shift", paramLabel = "none|first", defaultValue = "none",
      description = "first: subtract the first event's timestamp from every event (for cameras that stamp events on "
          + "an absolute clock, e.g. DV's microseconds since 1970, which EVT 3.0 and DAT cannot reach cheaply); "
          + "default: ${DEFAULT-VALUE}")
  String timeShift;

  @Override
  public Integer call() throws Exception {
    // a mapped input (HDF5) cut while read: the late fault can surface outside the reader
    return org.evshard.io.error.MappedFileFault.naming(input.toString(), this::run);
  }

  private Integer run() throws Exception {
    EventFormat target = targetFormat();
    if (codec != null && !target.name().equals(Aedat4Format.NAME)) {
      throw new IllegalArgumentException("--codec applies to aedat4 output only, not " + target.name());
    }
    OutputFile.check(output, overwrite);
    if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("IN and OUT are the same file: " + input);
    }
    boolean shiftToFirst = switch (timeShift.toLowerCase(Locale.ROOT)) {
      case "none" -> false;
      case "first" -> true;
      default -> throw new IllegalArgumentException("--time-shift must be none or first, got '" + timeShift + "'");
    };
    ReadOptions options = ReadOptions.defaults();
    if (sensor != null) {
      options = options.withSensor(SensorGeometry.parse(sensor));
    }
    long[] counts = new long[3]; // events, trigger events, the shift subtracted
    String from;
    try (EventReader reader = EventFormats.defaults().open(input, CliFormats.resolve("convert-file", input, format),
        options)) {
      from = reader.formatName();
      SensorGeometry geometry = reader.geometry().orElse(null);
      ReadOptions read = options;
      if (codec == null && target.name().equals(NpyEventFormat.NAME)) {
        // NPY states its count in the header: streamed through a seekable channel, header written last
        AtomicFiles.writeChannel(output, channel -> {
          try (EventWriter writer = new NpyEventChannelWriter(channel)) {
            copy(reader, writer, read, shiftToFirst, counts, input, target.name());
          }
        });
      } else {
        AtomicFiles.write(output, out -> {
          try (EventWriter writer = openWriter(target, out, geometry)) {
            copy(reader, writer, read, shiftToFirst, counts, input, target.name());
          }
        });
      }
    }
    long events = counts[0];
    long triggers = counts[1];
    System.out.println("converted " + events + " events (" + from + " -> " + target.name()
        + (codec != null ? " " + codec.toLowerCase(Locale.ROOT) : "") + ") from " + input + " to " + output
        + (triggers > 0 ? "; " + triggers + " trigger events not carried over" : "")
        + (shiftToFirst ? "; timestamps shifted by -" + counts[2] + " us" : ""));
    return 0;
  }

  /** Every event of {@code reader} into {@code writer}; counts events, trigger events and the shift subtracted. */
  private static void copy(EventReader reader, EventWriter writer, ReadOptions read, boolean shiftToFirst,
      long[] counts, Path input, String target) throws IOException {
    EventChunk chunk = new EventChunk(read.chunkSize());
    boolean more;
    try (FileProgress progress = FileProgress.of("convert-file", input)) {
      do {
        more = reader.nextChunk(chunk);
        counts[1] += reader.triggers().size();
        if (chunk.size() > 0) {
          if (shiftToFirst) {
            if (counts[0] == 0) {
              counts[2] = chunk.t[0];
            }
            for (int i = 0; i < chunk.size(); i++) { // the reader's own chunk, refilled on the next read
              chunk.t[i] -= counts[2];
            }
          }
          try {
            writer.write(chunk);
          } catch (IllegalArgumentException e) { // the target cannot hold an event: say which file and format
            throw new IllegalArgumentException(input + ": " + e.getMessage() + " (cannot be written as " + target
                + ")", e);
          }
          counts[0] += chunk.size();
        }
        progress.update(reader.bytePosition());
      } while (more);
    }
  }

  private EventFormat targetFormat() {
    if (to != null) {
      EventFormat f;
      try {
        f = EventFormats.defaults().byName(to);
      } catch (org.evshard.io.error.UnsupportedFormatException e) { // --to names a writer: list those, not readers
        throw new IllegalArgumentException("--to '" + to + "' is not a format evshard writes; it writes: "
            + String.join(", ", writable()), e);
      }
      OutputFile.requireFits("convert-file", output, f);
      return f;
    }
    EventFormat f = CliFormats.byExtension(output.getFileName().toString());
    if (f == null) {
      throw new IllegalArgumentException("cannot tell the output format from the name " + output.getFileName()
          + "; pass --to FORMAT (writers: " + String.join(", ", writable()) + ")");
    }
    return f;
  }

  private EventWriter openWriter(EventFormat target, OutputStream out, SensorGeometry geometry) throws IOException {
    Optional<EventWriter> w;
    if (codec != null) {
      w = Optional.of(new Aedat4Writer(out, geometry, compression(codec), Aedat4Writer.DEFAULT_PACKET_EVENTS));
    } else {
      w = target.openWriter(out, geometry);
    }
    if (w.isEmpty()) {
      out.close();
      throw new IllegalArgumentException("evshard cannot write " + target.name() + " files; formats it writes: "
          + String.join(", ", writable()));
    }
    return w.get();
  }

  private static Aedat4Compression compression(String codec) {
    switch (codec.trim().toLowerCase(Locale.ROOT)) {
      case "none":
        return Aedat4Compression.NONE;
      case "lz4":
        return Aedat4Compression.LZ4;
      case "zstd":
        return Aedat4Compression.ZSTD;
      default:
        throw new IllegalArgumentException("unknown --codec '" + codec + "'; use lz4, zstd or none");
    }
  }

  /** Names of the registered formats that have a writer. */
  static java.util.List<String> writable() {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (EventFormat f : EventFormats.defaults().all()) {
      Optional<EventWriter> w;
      try {
        w = f.openWriter(OutputStream.nullOutputStream(), null);
      } catch (IOException | RuntimeException e) {
        names.add(f.name()); // it has a writer, it just needs a geometry
        continue;
      }
      if (w.isPresent()) {
        names.add(f.name());
        try {
          w.get().close();
        } catch (IOException | RuntimeException e) {
          // a writer may refuse to end a file without events (atis-bin): it still is a writer
        }
      }
    }
    return names;
  }
}
