package org.evshard.pipelines.curate;

import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;

/** Passes on the images whose id is not in the side input of removed ids (the images themselves never shuffle). */
final class DropRemovedFn extends DoFn<ProcessedImage, ProcessedImage> {

  private final PCollectionView<Map<String, String>> removed;

  DropRemovedFn(PCollectionView<Map<String, String>> removed) {
    this.removed = removed;
  }

  @ProcessElement
  public void process(@Element ProcessedImage image, ProcessContext c) {
    if (!c.sideInput(removed).containsKey(image.row().sampleId())) {
      c.output(image);
    }
  }
}
