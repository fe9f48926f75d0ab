package org.evshard.pipelines.curate;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.pipelines.convert.SampleError;

/**
 * Decodes, resizes and hashes each image with an {@link ImageProcessor}: rows to {@link #IMAGES}, images that do not
 * decode to {@link #ERRORS} (stage {@code decode}), images the resizer refuses to {@link #REMOVED} (step
 * {@code resize}).
 */
final class ProcessImageFn extends DoFn<CurateItem, ProcessedImage> {

  static final TupleTag<ProcessedImage> IMAGES = new TupleTag<>("images") {};
  static final TupleTag<SampleError> ERRORS = new TupleTag<>("decode-errors") {};
  static final TupleTag<RemovedSample> REMOVED = new TupleTag<>("resize-removed") {};
  static final String DECODED_COUNTER = "images_decoded";

  private final ImageProcessing processing;
  private final Counter decoded = Metrics.counter(ProcessImageFn.class, DECODED_COUNTER);
  private transient ImageProcessor processor;

  ProcessImageFn(ImageProcessing processing) {
    this.processing = processing;
  }

  @Setup
  public void setup() {
    processor = new ImageProcessor(processing);
  }

  @ProcessElement
  public void process(@Element CurateItem item, MultiOutputReceiver out) {
    boolean ok = processor.process(item, new ImageProcessor.Sink() {
      @Override
      public void image(ProcessedImage image) {
        out.get(IMAGES).output(image);
      }

      @Override
      public void error(SampleError error) {
        out.get(ERRORS).output(error);
      }

      @Override
      public void removed(RemovedSample removed) {
        out.get(REMOVED).output(removed);
      }
    });
    if (ok) {
      decoded.inc();
    }
  }
}
