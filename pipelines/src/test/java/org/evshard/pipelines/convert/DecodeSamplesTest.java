package org.evshard.pipelines.convert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.datasets.NMnist;
import org.evshard.datasets.SampleRef;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.SampleRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The decode step on the DirectRunner with its immutability and encodability checks on (TestPipeline). */
@ExtendWith(TestPipelineExtension.class)
class DecodeSamplesTest {

  @TempDir
  Path tmp;

  @Test
  void goodFilesBecomeRowsAndBadFilesBecomeErrors(TestPipeline pipeline) throws Exception {
    Map<String, Events> written = TestCorpora.nmnist(tmp, 1, 11);
    Files.write(tmp.resolve("Test/9/00050.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7});
    List<SampleRef> refs = new NMnist().discover(tmp, DiscoveryOptions.defaults()).samples();

    PCollectionTuple out = pipeline
        .apply(Create.of(refs).withCoder(SerializableCoder.of(SampleRef.class)))
        .apply(new DecodeSamples(tmp.toString(), ReadOptions.defaults().withChunkSize(97)));

    List<String> expectedRows = new ArrayList<>();
    written.forEach((source, events) -> expectedRows.add(source + " " + events.size() + " "
        + (events.size() == 0 ? "" : events.t()[events.size() - 1])));
    PAssert.that(out.get(DecodeSampleFn.ROWS).apply("Summarise", MapElements.into(TypeDescriptors.strings())
        .via((SampleRow r) -> r.source() + " " + r.nEvents() + " "
            + (r.nEvents() == 0 ? "" : r.events().t()[r.events().size() - 1]))))
        .containsInAnyOrder(expectedRows);
    PAssert.that(out.get(DecodeSampleFn.ERRORS).apply("Sources", MapElements.into(TypeDescriptors.strings())
        .via((SampleError e) -> e.source() + " " + e.stage() + " " + e.offset())))
        .containsInAnyOrder("Test/9/00050.bin decode 5");
    pipeline.run().waitUntilFinish();
  }
}
