package org.evshard.pipelines.curate;

import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Passes on the images whose id is not in the side input of removed ids (the images themselves never shuffle).
 *
 * <p>The map is read once per window and DoFn instance, not per image: the DirectRunner rebuilds a map view from all
 * its entries on every {@code sideInput} call ({@code InMemoryMultimapSideInputView.fromIterable}), so a lookup per
 * image cost O(images x removed ids), minutes at CIFAKE size. A window's side input never changes in these batch
 * pipelines.
 */
final class DropRemovedFn extends DoFn<ProcessedImage, ProcessedImage> {

  private final PCollectionView<Map<String, String>> removed;
  private transient BoundedWindow window;
  private transient Map<String, String> ids;

  DropRemovedFn(PCollectionView<Map<String, String>> removed) {
    this.removed = removed;
  }

  @ProcessElement
  public void process(@Element ProcessedImage image, BoundedWindow w, ProcessContext c) {
    if (ids == null || !w.equals(window)) {
      ids = c.sideInput(removed);
      window = w;
    }
    if (!ids.containsKey(image.row().sampleId())) {
      c.output(image);
    }
  }
}
