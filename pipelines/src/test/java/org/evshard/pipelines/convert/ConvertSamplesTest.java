package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.datasets.NMnist;
import org.evshard.datasets.SampleRef;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.runner.LiveCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The decode-and-write step on the DirectRunner with its immutability and encodability checks on (TestPipeline). */
@ExtendWith(TestPipelineExtension.class)
class ConvertSamplesTest {

  @TempDir
  Path tmp;

  @Test
  void goodFilesBecomeShardRowsAndBadFilesBecomeErrors(TestPipeline pipeline) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    Path output = Files.createDirectories(tmp.resolve("out"));
    Map<String, Events> written = TestCorpora.nmnist(input, 1, 11);
    Files.write(input.resolve("Test/9/00050.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7});
    List<SampleRef> refs = new NMnist().discover(input, DiscoveryOptions.defaults()).samples();

    LiveCount live = LiveCount.create(); // what the progress bar follows: one per sample written or rejected
    PCollectionTuple out = pipeline
        .apply(new ConvertSamples(ShardPlan.assign(refs, 3), output.toString(), ShardFormat.PARQUET, ShardWriteOptions.defaults("test"),
            new SampleDecoder(input.toString(), ReadOptions.defaults().withChunkSize(97))).countingTo(live));

    PAssert.that(out.get(WriteShardFn.SHARDS)).containsInAnyOrder(
        "train/part-00000-of-00003.parquet", "train/part-00001-of-00003.parquet", "train/part-00002-of-00003.parquet",
        "test/part-00000-of-00003.parquet", "test/part-00001-of-00003.parquet", "test/part-00002-of-00003.parquet");
    PAssert.that(out.get(WriteShardFn.ERRORS).apply("Sources", MapElements.into(TypeDescriptors.strings())
        .via((SampleError e) -> e.source() + " " + e.stage() + " " + e.offset())))
        .containsInAnyOrder("Test/9/00050.bin decode 5");
    pipeline.run().waitUntilFinish();
    assertEquals(refs.size(), live.value());

    Map<String, ShardContents.Row> rows = ShardContents.readParquet(output);
    assertEquals(written.keySet(), rows.keySet());
    written.forEach((source, events) -> {
      Events got = rows.get(source).events();
      assertArrayEquals(events.t(), got.t(), source);
      assertArrayEquals(events.x(), got.x(), source);
      assertArrayEquals(events.y(), got.y(), source);
      assertArrayEquals(events.p(), got.p(), source);
    });
  }
}
