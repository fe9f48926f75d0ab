package org.evshard.pipelines.curate;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.evshard.transforms.curate.DuplicateOf;
import org.evshard.transforms.curate.ExactDuplicates;

/**
 * Exact deduplication: images grouped by the sha256 of their source bytes (one {@code GroupByKey} of small
 * {@link DedupEntry}s, never the images); in every group of two or more, all but the representative
 * ({@link org.evshard.transforms.curate.RepresentativeRule}: most pixels, then smallest id) are removed, each naming
 * the one it duplicates.
 */
final class ExactDedup extends PTransform<PCollection<ProcessedImage>, PCollection<RemovedSample>> {

  static final String STEP = "dedup_exact";

  @Override
  public PCollection<RemovedSample> expand(PCollection<ProcessedImage> images) {
    return images
        .apply("BySha256", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
            TypeDescriptor.of(DedupEntry.class))).via(p -> KV.of(p.row().sha256(), DedupEntry.of(p))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(DedupEntry.class)))
        .apply("GroupBySha256", GroupByKey.create())
        .apply("KeepOne", ParDo.of(new ResolveFn()))
        .setCoder(SerializableCoder.of(RemovedSample.class));
  }

  private static final class ResolveFn extends DoFn<KV<String, Iterable<DedupEntry>>, RemovedSample> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<DedupEntry>> group, OutputReceiver<RemovedSample> out) {
      List<DedupEntry> members = new ArrayList<>();
      group.getValue().forEach(members::add);
      if (members.size() < 2) {
        return;
      }
      members.sort(java.util.Comparator.comparing(DedupEntry::sampleId));
      String[] ids = new String[members.size()];
      long[] pixels = new long[members.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = members.get(i).sampleId();
        pixels[i] = members.get(i).pixels();
      }
      for (DuplicateOf d : ExactDuplicates.resolveGroup(ids, pixels)) {
        String source = members.stream().filter(m -> m.sampleId().equals(d.removedId())).findFirst().orElseThrow()
            .source();
        out.output(new RemovedSample(d.removedId(), source, STEP, "duplicate", d.keptId(), -1));
      }
    }
  }
}
