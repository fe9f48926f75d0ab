package org.evshard.pipelines.curate;

import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.datasets.image.ImageSourceRef;
import org.evshard.io.tar.TarLimits;
import org.evshard.pipelines.convert.SampleError;

/**
 * Reads the samples of the {@link ImageSourceRef}s of one {@link ImageTask} with an {@link ImageSourceReader}: samples
 * to {@link #ITEMS}, unreadable files and samples to {@link #ERRORS} (stage {@code read}, with reason and byte
 * offset), entries the tar reader skipped counted by reason in {@link #TAR_SKIPS}.
 */
final class ReadImageSourcesFn extends DoFn<ImageTask, CurateItem> {

  static final TupleTag<CurateItem> ITEMS = new TupleTag<>("items") {};
  static final TupleTag<SampleError> ERRORS = new TupleTag<>("read-errors") {};
  static final TupleTag<KV<String, Long>> TAR_SKIPS = new TupleTag<>("tar-skips") {};
  static final String INPUTS_COUNTER = "inputs";

  private final ImageSourceReader reader;

  /** {@code countInputs} false: the samples are not inputs of their own (DataComp's shards join metadata rows). */
  ReadImageSourcesFn(String root, long maxImageBytes, TarLimits tarLimits, boolean countInputs) {
    this.reader = new ImageSourceReader(root, maxImageBytes, tarLimits, countInputs,
        Metrics.counter(ReadImageSourcesFn.class, INPUTS_COUNTER));
  }

  @ProcessElement
  public void process(@Element ImageTask task, MultiOutputReceiver out) {
    ImageSourceReader.Sink sink = new ImageSourceReader.Sink() {
      @Override
      public void item(CurateItem item) {
        out.get(ITEMS).output(item);
      }

      @Override
      public void error(SampleError error) {
        out.get(ERRORS).output(error);
      }

      @Override
      public void skipped(String reason, long count) {
        out.get(TAR_SKIPS).output(KV.of(reason, count));
      }
    };
    for (ImageSourceRef ref : task.sources()) {
      reader.read(ref, sink);
    }
  }
}
