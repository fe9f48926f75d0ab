package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.evshard.io.file.AtomicFiles;

/**
 * {@code errors.jsonl} of a convert run, written without a shuffle. Each shard task writes the samples it rejected to a
 * part of its own, {@code <output>/.evshard-temp/errors/<shard>.jsonl}, through Beam's file systems like the shard
 * (temporary name, then renamed, so a retried task replaces its part, or deletes it when it rejects nothing), and the
 * driver joins the parts once the pipeline has finished: the inputs discovery rejected first, then the parts in shard
 * order. (Beam's {@code TextIO} sink did this with a grouping, a finalising step and side inputs, about half a second
 * of a cold 10,000-recording run on the DirectRunner.)
 */
public final class ErrorParts {

  static final String DIR = "errors";

  private ErrorParts() {}

  /**
   * On a worker: the rejects of shard task {@code shard} (e.g. {@code train/part-00000-of-00004}). Without rejects
   * there is no part (one an earlier attempt at the task left is deleted).
   */
  public static void write(String output, String shard, List<SampleError> errors) throws IOException {
    String dir = output + "/" + ConvertSamples.TEMP_DIR + "/" + DIR + "/";
    ResourceId target = FileSystems.matchNewResource(dir + partName(shard), false);
    if (errors.isEmpty()) {
      FileSystems.delete(List.of(target), StandardMoveOptions.IGNORE_MISSING_FILES);
      return;
    }
    ResourceId temp = FileSystems.matchNewResource(dir + UUID.randomUUID() + ".part", false);
    StringBuilder lines = new StringBuilder();
    for (SampleError e : errors) {
      lines.append(e.toJsonLine()).append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    try (WritableByteChannel channel = FileSystems.create(temp, MimeTypes.TEXT)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
    FileSystems.rename(List.of(temp), List.of(target), StandardMoveOptions.IGNORE_MISSING_FILES);
  }

  /** A shard's part: its path under the output with {@code /} as {@code .}, so that the parts sort in shard order. */
  static String partName(String shard) {
    return shard.replace('/', '.') + ".jsonl";
  }

  /**
   * On the driver, after the pipeline: writes {@code <output>/errors.jsonl} (also when empty) from {@code first} and
   * every part. The parts go when the run deletes its temporary folder.
   */
  public static void join(Path output, List<SampleError> first) throws IOException {
    Path dir = output.resolve(ConvertSamples.TEMP_DIR).resolve(DIR);
    List<Path> parts;
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        parts = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
      }
    } else {
      parts = List.of();
    }
    AtomicFiles.write(output.resolve(WriteErrors.FILE_NAME), out -> {
      for (SampleError e : first) {
        writeLine(out, e.toJsonLine());
      }
      for (Path part : parts) {
        out.write(Files.readAllBytes(part));
      }
    });
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.UTF_8));
    out.write('\n');
  }
}
