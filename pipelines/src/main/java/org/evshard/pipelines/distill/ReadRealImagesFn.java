package org.evshard.pipelines.distill;

import java.nio.file.Path;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.image.ImageDecoder;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardReader;
import org.evshard.pipelines.convert.SampleError;
import org.evshard.pipelines.select.ConvNetPixels;

/**
 * Reads one image shard: every row of the distilled split becomes a {@link RealImage} keyed by its label name, or,
 * when its image does not decode or it has no label, a {@link SampleError} (stage {@code decode} or {@code label}).
 * Rows of other splits are counted and skipped.
 */
final class ReadRealImagesFn extends DoFn<String, KV<String, RealImage>> {

  static final TupleTag<KV<String, RealImage>> IMAGES = new TupleTag<>() {};
  static final TupleTag<SampleError> ERRORS = new TupleTag<>() {};
  static final String INPUTS_COUNTER = "inputs";
  static final String OTHER_SPLIT_COUNTER = "other_split";

  private final int side;
  private final DmParameters settings;
  private final Counter inputs = Metrics.counter(ReadRealImagesFn.class, INPUTS_COUNTER);
  private final Counter otherSplit = Metrics.counter(ReadRealImagesFn.class, OTHER_SPLIT_COUNTER);
  private transient ImageDecoder decoder;

  ReadRealImagesFn(DmParameters settings) {
    this.settings = settings;
    this.side = settings.imageSize();
  }

  @Setup
  public void setup() {
    decoder = ImageDecoder.withDefaults();
  }

  @ProcessElement
  public void process(@Element String shard, MultiOutputReceiver out) {
    try (ImageShardReader r = new ImageShardReader(Path.of(shard))) {
      for (ImageRow row = r.next(); row != null; row = r.next()) {
        if (!settings.takes(row.split())) {
          otherSplit.inc();
          continue;
        }
        inputs.inc();
        if (row.label() == null) {
          out.get(ERRORS).output(new SampleError(row.sampleId(), row.source(), "label",
              "no label: distillation matches class means", -1));
          continue;
        }
        byte[] rgb;
        try {
          rgb = ConvNetPixels.rgb(row, decoder, side);
        } catch (EvshardIoException e) {
          out.get(ERRORS).output(new SampleError(row.sampleId(), row.source(), "decode", e.reason(), e.offset()));
          continue;
        }
        out.get(IMAGES).output(KV.of(row.labelName(),
            new RealImage(row.sampleId(), row.source(), row.label(), row.labelName(), rgb)));
      }
    }
  }
}
