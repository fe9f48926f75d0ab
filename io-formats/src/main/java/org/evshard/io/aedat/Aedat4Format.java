package org.evshard.io.aedat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;

/** iniVation DV's AEDAT 4.0 ({@code #!AER-DAT4.0}); written with LZ4-compressed packets. */
public final class Aedat4Format implements EventFormat {

  public static final String NAME = "aedat4";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("aedat4.0", "dv");
  }

  @Override
  public List<String> extensions() {
    return List.of(".aedat4");
  }

  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    if (AedatMagic.startsWith(head, length, "#!AER-DAT4.0")) {
      return Detection.MAGIC;
    }
    boolean ext = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".aedat4");
    return ext && length > 0 ? Detection.EXTENSION : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    return new Aedat4Reader(in, sourceName, options);
  }

  /**
   * Splits of whole packets about {@code targetBytes} long ({@link Aedat4SplitPlanner}): from the data table when the
   * file has one, else from a walk over the packet headers. The header is read and checked as by the reader.
   */
  @Override
  public List<RecordingSplit> planSplits(Path file, long targetBytes, ReadOptions options) throws IOException {
    Aedat4Header header;
    try (Aedat4Reader r = new Aedat4Reader(Files.newInputStream(file), file.toString(), options)) {
      header = r.header();
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return new Aedat4SplitPlanner(file.toString(), header, targetBytes).plan(ch);
    }
  }

  @Override
  public EventReader openSplit(RecordingSplit split, ReadOptions options) throws IOException {
    InputStream in = Files.newInputStream(Path.of(split.file()));
    try {
      return new Aedat4Reader(in, split.file(), options, split.start(), split.end());
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public Optional<EventWriter> openWriter(OutputStream out, SensorGeometry geometry) throws IOException {
    return Optional.of(new Aedat4Writer(out, geometry, Aedat4Compression.LZ4, Aedat4Writer.DEFAULT_PACKET_EVENTS));
  }
}
