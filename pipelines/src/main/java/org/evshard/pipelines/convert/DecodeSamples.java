package org.evshard.pipelines.convert;

import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.evshard.datasets.SampleRef;
import org.evshard.io.format.ReadOptions;
import org.evshard.pipelines.coders.SampleRowCoder;

/**
 * Sample references in, decoded rows ({@link DecodeSampleFn#ROWS}) and rejected inputs ({@link DecodeSampleFn#ERRORS})
 * out. References are reshuffled first so that a cluster spreads the decoding over its workers.
 */
public final class DecodeSamples extends PTransform<PCollection<SampleRef>, PCollectionTuple> {

  private final String inputRoot;
  private final ReadOptions options;

  public DecodeSamples(String inputRoot, ReadOptions options) {
    this.inputRoot = inputRoot;
    this.options = options;
  }

  @Override
  public PCollectionTuple expand(PCollection<SampleRef> refs) {
    PCollectionTuple out = refs
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("Decode", ParDo.of(new DecodeSampleFn(inputRoot, options))
            .withOutputTags(DecodeSampleFn.ROWS, TupleTagList.of(DecodeSampleFn.ERRORS)));
    out.get(DecodeSampleFn.ROWS).setCoder(SampleRowCoder.of());
    out.get(DecodeSampleFn.ERRORS).setCoder(SerializableCoder.of(SampleError.class));
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("inputRoot", inputRoot)).add(DisplayData.item("chunkSize", options.chunkSize()))
        .add(DisplayData.item("maxEvents", options.maxEvents()));
  }
}
