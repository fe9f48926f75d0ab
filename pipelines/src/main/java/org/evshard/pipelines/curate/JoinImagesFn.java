package org.evshard.pipelines.curate;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.pipelines.convert.SampleError;

/**
 * Joins a DataComp uid's metadata row with its image from the shards: the row with the image's bytes (or without,
 * when the shards hold no image for it: the filters still run, and a kept row without an image is removed later as
 * {@code not_downloaded}). An image whose uid no metadata row has is an input of its own and is rejected.
 */
final class JoinImagesFn extends DoFn<KV<String, CoGbkResult>, CurateItem> {

  static final TupleTag<CurateItem> META = new TupleTag<>("meta") {};
  static final TupleTag<CurateItem> IMAGES = new TupleTag<>("shard-images") {};
  static final TupleTag<CurateItem> JOINED = new TupleTag<>("joined") {};
  static final TupleTag<SampleError> ORPHANS = new TupleTag<>("orphans") {};

  private final Counter inputs = Metrics.counter(ReadImageSourcesFn.class, ReadImageSourcesFn.INPUTS_COUNTER);

  @ProcessElement
  public void process(@Element KV<String, CoGbkResult> e, MultiOutputReceiver out) {
    CurateItem meta = null;
    for (CurateItem m : e.getValue().getAll(META)) {
      meta = m; // uids are unique in a pool; a repeat is the same row
    }
    CurateItem image = null;
    for (CurateItem i : e.getValue().getAll(IMAGES)) {
      if (meta == null) {
        inputs.inc();
        out.get(ORPHANS).output(new SampleError(i.sampleId(), i.source(), "join",
            "uid " + e.getKey() + " is in the shards but in no metadata file", i.offset()));
      } else if (image == null) {
        image = i;
      }
    }
    if (meta != null) {
      out.get(JOINED).output(image == null ? meta : meta.withImage(image.image(), image.source(), image.offset()));
    }
  }
}
