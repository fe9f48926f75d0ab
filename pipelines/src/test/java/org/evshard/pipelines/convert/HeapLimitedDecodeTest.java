package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEvents;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.pipelines.cli.ChildJvm;
import org.evshard.transforms.OutputBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording longer than the heap can hold is a rejected sample, not an {@link OutOfMemoryError} that ends the run:
 * {@code evshard convert} in a child JVM with {@code -Xmx64m} on a folder of a 1,000-event and a 2.5 M-event NPY file
 * (32.5 MB of columns, half the heap). Before {@link OutputBudget#maxHeldEvents}, the run ended with "pipeline ended
 * RUNNING, not DONE".
 */
class HeapLimitedDecodeTest {

  @TempDir
  Path tmp;

  @Test
  void aRecordingTooLongForTheHeapIsRejectedAndTheRunFinishes() throws Exception {
    Path input = tmp.resolve("in");
    Files.createDirectories(input.resolve("a"));
    NpyEvents.write(input.resolve("a/small.npy"), events(1_000));
    NpyEvents.write(input.resolve("a/big.npy"), events(2_500_000));
    Path output = tmp.resolve("out");
    JsonNode error = theOneRejected(ChildJvm.evshard("64m", "convert", "--dataset", "folder", "--input",
        input.toString(), "--output", output.toString(), "--sensor", "34x34", "--no-progress"), output);
    assertEquals("a/big.npy", error.get("source").asText());
    assertEquals("decode", error.get("stage").asText());
    assertTrue(error.get("reason").asText().contains("that is the most one recording may hold in this JVM's maximum "
        + "heap (64.0 MiB; a twelfth of it at 13 bytes an event"), error.toString());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  /**
   * Recordings under one worker's limit (640,000 events at -Xmx96m, where one share holds 645,277) decoded by the
   * DirectRunner's two workers at once ended the run with an OutOfMemoryError and nothing written. Each worker now
   * holds at most its share: they are rejected, naming the shared limit, and the run finishes.
   */
  @Test
  void workersThatDecodeAtOnceEachHoldTheirShareOfTheHeap() throws Exception {
    Path input = tmp.resolve("in");
    Files.createDirectories(input.resolve("a"));
    for (int i = 0; i < 8; i++) {
      NpyEvents.write(input.resolve("a/r" + i + ".npy"), events(640_000));
    }
    NpyEvents.write(input.resolve("a/small.npy"), events(1_000));
    Path output = tmp.resolve("out");
    ChildJvm run = ChildJvm.evshard("96m", "convert", "--dataset", "folder", "--input", input.toString(), "--output",
        output.toString(), "--sensor", "34x34", "--shards-per-split", "1", "--no-progress",
        "--targetParallelism=2");
    String log = run.output();
    assertEquals(0, run.exit(), log);
    assertTrue(log.contains("converted 9 samples: 1 written"), log);
    List<String> errors = Files.readAllLines(output.resolve("errors.jsonl"));
    assertEquals(8, errors.size(), log);
    for (String line : errors) {
      assertTrue(line.contains("a twelfth of it at 13 bytes an event, as decoding may hold three copies, shared by "
          + "the 2 workers that decode at once in this JVM"), line);
    }
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  /**
   * An allocation no budget foresaw (here one AEDAT 4.0 packet of 3.5 M events, 56 MB decompressed, at -Xmx64m) ended
   * the whole run with an OutOfMemoryError, nothing written ("pipeline ended RUNNING, not DONE"); the sample whose
   * decoding ran out of heap is now rejected with the reason, and the run finishes.
   */
  @Test
  void aSampleWhoseDecodingRunsOutOfHeapIsRejectedAndTheRunFinishes() throws Exception {
    Path input = tmp.resolve("in");
    Files.createDirectories(input.resolve("a"));
    org.evshard.io.events.SensorGeometry sensor = new org.evshard.io.events.SensorGeometry(34, 34);
    try (org.evshard.io.aedat.Aedat4Writer w = org.evshard.io.aedat.Aedat4Writer.toFile(input.resolve("a/small.aedat4"),
        sensor, org.evshard.io.aedat.Aedat4Compression.ZSTD, 1_000)) {
      w.write(events(1_000));
    }
    try (org.evshard.io.aedat.Aedat4Writer w = org.evshard.io.aedat.Aedat4Writer.toFile(input.resolve("a/big.aedat4"),
        sensor, org.evshard.io.aedat.Aedat4Compression.ZSTD, 3_500_000)) {
      w.write(events(3_500_000));
    }
    Path output = tmp.resolve("out");
    JsonNode error = theOneRejected(ChildJvm.evshard("64m", "convert", "--dataset", "folder", "--input",
        input.toString(), "--output", output.toString(), "--no-progress", "--targetParallelism=1"), output);
    assertEquals("a/big.aedat4", error.get("source").asText());
    assertTrue(error.get("reason").asText().startsWith("the JVM ran out of heap reading this sample"), error.toString());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  @Test
  void aSharedHeapLimitsEachWorkerToItsShare() {
    SampleDecoder shared = new SampleDecoder("/", ReadOptions.defaults()).heapSharedBy(3);
    long share = OutputBudget.maxHeldEvents(3);
    assertEquals(OutputBudget.maxBytes() / (39 * 3), share);
    assertEquals(share, shared.readOptionsFor(new org.evshard.datasets.SampleRef("d/a", "d", "a.npy", "train", 0,
        "c", null, null, "npy", null)).maxEvents());
    assertTrue(shared.heapLimited(new LimitExceededException("f", 0, "event count", share + 1, share)));
  }

  /** In this JVM: --max-events gives way to the heap's limit, which names itself only where it is the lower one. */
  @Test
  void theHeapLimitReplacesALargerMaxEventsOnly() {
    long heap = OutputBudget.maxHeldEvents();
    assertEquals(OutputBudget.maxBytes() / 39, heap);
    SampleDecoder byDefault = new SampleDecoder("/", ReadOptions.defaults().withMaxEvents(heap + 1));
    SampleDecoder lower = new SampleDecoder("/", ReadOptions.defaults().withMaxEvents(heap - 1));
    assertTrue(byDefault.heapLimited(new LimitExceededException("f", 0, "event count", heap + 1, heap)));
    assertTrue(!lower.heapLimited(new LimitExceededException("f", 0, "event count", heap, heap - 1)));
  }

  /** The run finished with 2 samples, 1 written: the error line of the other. */
  private static JsonNode theOneRejected(ChildJvm run, Path output) throws Exception {
    String log = run.output();
    assertEquals(0, run.exit(), log);
    assertTrue(log.contains("converted 2 samples: 1 written"), log);
    List<String> errors = Files.readAllLines(output.resolve("errors.jsonl"));
    assertEquals(1, errors.size(), log);
    return new ObjectMapper().readTree(errors.get(0));
  }

  private static Events events(int n) {
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) (i % 34);
      y[i] = (short) (i / 34 % 34);
      t[i] = i;
      p[i] = i % 3 == 0;
    }
    return Events.wrap(x, y, t, p);
  }
}
