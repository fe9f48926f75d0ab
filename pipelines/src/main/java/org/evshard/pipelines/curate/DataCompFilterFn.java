package org.evshard.pipelines.curate;

import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.transforms.curate.BasicFilter;
import org.evshard.transforms.curate.ClipScoreFilter;
import org.evshard.transforms.curate.FilterVerdict;
import org.evshard.transforms.curate.ImageBasedCaptionFilter;
import org.evshard.transforms.curate.LanguageIdentifier;

/**
 * DataComp's filters on one pool row, in the order given (their intersection, as DataComp's baselines combine
 * them): {@code basic}, {@code clip_score} (threshold given, or the pool-wide threshold of {@code --fraction} as a
 * side input), {@code image_based} (caption check plus target centroid). A row that fails goes to {@link #REMOVED}
 * with the first failing filter and its reason; the rest pass on. The language is identified once per row, inside
 * the JVM ({@link LanguageIdentifier}).
 */
final class DataCompFilterFn extends DoFn<CurateItem, CurateItem> {

  static final TupleTag<CurateItem> KEPT = new TupleTag<>("kept") {};
  static final TupleTag<RemovedSample> REMOVED = new TupleTag<>("filtered") {};

  private final List<String> filters;
  private final ClipScoreSettings clip;
  private final PCollectionView<Double> fractionThreshold;
  private final ImageBasedSettings imageBased;

  DataCompFilterFn(List<String> filters, ClipScoreSettings clip, PCollectionView<Double> fractionThreshold,
      ImageBasedSettings imageBased) {
    this.filters = List.copyOf(filters);
    this.clip = clip;
    this.fractionThreshold = fractionThreshold;
    this.imageBased = imageBased;
  }

  @ProcessElement
  public void process(@Element CurateItem item, ProcessContext c) {
    String language = null;
    for (String filter : filters) {
      String reason;
      switch (filter) {
        case "basic" -> {
          language = language != null ? language : LanguageIdentifier.shared().identify(item.caption());
          FilterVerdict v = BasicFilter.evaluate(item.caption(), language, item.datacomp().originalWidth(),
              item.datacomp().originalHeight());
          reason = v.kept() ? null : v.label();
        }
        case "clip_score" -> {
          double threshold = clip.threshold() != null ? clip.threshold() : c.sideInput(fractionThreshold);
          // the pool stores the scores as float32: compared as numpy compares a float32 column
          reason = ClipScoreFilter.keep((float) item.datacomp().clipScore(clip.arch()), threshold) ? null
              : "below_threshold";
        }
        case "image_based" -> {
          language = language != null ? language : LanguageIdentifier.shared().identify(item.caption());
          FilterVerdict v = ImageBasedCaptionFilter.evaluate(item.caption(), language);
          String centroid = item.attributes().get(ReadDataCompMetadataFn.CENTROID_ATTRIBUTE);
          reason = !v.kept() ? v.label()
              : imageBased.isTarget(centroid == null ? -1 : Integer.parseInt(centroid)) ? null : "not_target_cluster";
        }
        default -> throw new IllegalStateException("unknown filter " + filter);
      }
      if (reason != null) {
        c.output(REMOVED, RemovedSample.filtered(item.sampleId(), item.source(), filter, reason));
        return;
      }
    }
    c.output(item);
  }
}
