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
 * Exact deduplication: images grouped by the sha256 of their source bytes (one {@code GroupByKey} of small {@link
 * DedupEntry}s into {@link #BUCKETS} buckets by hash prefix, never the images); in every group of two or more, all but
 * the representative ({@link org.evshard.transforms.curate.RepresentativeRule}: most pixels, then smallest id) are
 * removed, each naming the one it duplicates.
 */
final class ExactDedup extends PTransform<PCollection<ProcessedImage>, PCollection<RemovedSample>> {

  static final String STEP = "dedup_exact";
  /** Hashes are grouped into this many buckets by their first hex digits (few keys: few bundles on any runner). */
  static final int BUCKETS = 64;

  static String bucketOf(String sha256) {
    int h = sha256.length() >= 2 ? Integer.parseInt(sha256.substring(0, 2), 16) : 0;
    return Integer.toString(h % BUCKETS);
  }

  @Override
  public PCollection<RemovedSample> expand(PCollection<ProcessedImage> images) {
    return images
        .apply("BySha256", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
            TypeDescriptor.of(DedupEntry.class))).via(p -> KV.of(bucketOf(p.row().sha256()),
                DedupEntry.of(p).withSha(p.row().sha256()))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DedupEntry.EntryCoder.INSTANCE))
        .apply("GroupBySha256", GroupByKey.create())
        .apply("KeepOne", ParDo.of(new ResolveFn()))
        .setCoder(SerializableCoder.of(RemovedSample.class));
  }

  private static final class ResolveFn extends DoFn<KV<String, Iterable<DedupEntry>>, RemovedSample> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<DedupEntry>> group, OutputReceiver<RemovedSample> out) {
      java.util.Map<String, List<DedupEntry>> bySha = new java.util.TreeMap<>();
      group.getValue().forEach(e -> bySha.computeIfAbsent(e.sha256(), k -> new ArrayList<>()).add(e));
      for (List<DedupEntry> members : bySha.values()) {
        if (members.size() > 1) {
          resolve(members, out);
        }
      }
    }

    private static void resolve(List<DedupEntry> members, OutputReceiver<RemovedSample> out) {
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
