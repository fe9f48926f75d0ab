package org.evshard.pipelines.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.evshard.io.aedat.Aedat4Compression;
import org.evshard.io.aedat.Aedat4Writer;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;
import org.evshard.io.prophesee.Evt3Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Splits of one recording read on the DirectRunner: the chunks in (split, chunk) order are the sequential read. */
@ExtendWith(TestPipelineExtension.class)
class ReadRecordingSplitsTest {

  private static final SensorGeometry VGA = new SensorGeometry(640, 480);
  private static final ReadOptions OPTIONS = ReadOptions.defaults().withChunkSize(5000);

  @TempDir
  Path tmp;

  /** Time-sorted random events, gaps up to about a second so that an EVT 3.0 file wraps its 24-bit time. */
  private static Events events(int n) {
    SplittableRandom r = new SplittableRandom(11);
    EventsBuilder b = new EventsBuilder(n);
    long t = 5_000_000;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(1000) == 0 ? r.nextInt(1 << 20) : r.nextInt(8);
      b.add((short) r.nextInt(640), (short) r.nextInt(480), t, r.nextBoolean());
    }
    return b.build();
  }

  @Test
  void evt3AndAedat4SplitsReadOnWorkersGiveTheSequentialRead(TestPipeline pipeline) throws IOException {
    Events e = events(100_000);
    Path evt3 = tmp.resolve("big.raw");
    try (Evt3Writer w = new Evt3Writer(Files.newOutputStream(evt3), VGA)) {
      w.write(e);
    }
    Path aedat4 = tmp.resolve("big.aedat4");
    try (Aedat4Writer w = Aedat4Writer.toFile(aedat4, VGA, Aedat4Compression.LZ4, 2_500)) {
      w.write(e);
    }
    List<RecordingSplit> splits = new ArrayList<>();
    for (Path p : List.of(evt3, aedat4)) {
      List<RecordingSplit> s = RecordingSplits.plan(p, Files.size(p) / 6, OPTIONS);
      assertTrue(s.size() >= 4, s.size() + " splits of " + p);
      splits.addAll(s);
    }
    PCollection<SplitChunk> chunks = pipeline
        .apply(Create.of(splits).withCoder(SerializableCoder.of(RecordingSplit.class)))
        .apply(ReadRecordingSplits.with(OPTIONS));
    for (Path p : List.of(evt3, aedat4)) {
      String file = p.toString();
      PAssert.that(chunks).satisfies(all -> {
        assertEquals(sequential(file), concatenate(all, file), file);
        return null;
      });
    }
    pipeline.run().waitUntilFinish();
    assertEquals(e, sequential(aedat4.toString()), "the AEDAT 4.0 file holds what was written");
  }

  @Test
  void theCoderRoundTripsChunks() throws Exception {
    Events e = events(1000);
    CoderProperties.coderDecodeEncodeEqual(SplitChunkCoder.of(), new SplitChunk("f.raw", 3, 7, e));
    CoderProperties.coderDecodeEncodeEqual(SplitChunkCoder.of(), new SplitChunk("f.raw", 0, 0, Events.empty()));
    CoderProperties.coderDeterministic(SplitChunkCoder.of(), new SplitChunk("a", 1, 2, e),
        new SplitChunk("a", 1, 2, e.slice(0, e.size())));
  }

  private static Events concatenate(Iterable<SplitChunk> all, String file) {
    List<SplitChunk> mine = new ArrayList<>();
    all.forEach(c -> {
      if (c.file().equals(file)) {
        mine.add(c);
      }
    });
    mine.sort(Comparator.comparingInt(SplitChunk::split).thenComparingInt(SplitChunk::chunk));
    EventsBuilder b = new EventsBuilder();
    mine.forEach(c -> b.add(c.events()));
    return b.build();
  }

  private static Events sequential(String file) {
    try (EventReader r = EventFormats.defaults().open(Path.of(file), null, OPTIONS)) {
      return r.readAll(OPTIONS);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
