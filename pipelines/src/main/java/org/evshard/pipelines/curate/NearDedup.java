package org.evshard.pipelines.curate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.evshard.transforms.curate.DuplicateGroups;
import org.evshard.transforms.curate.DuplicateOf;
import org.evshard.transforms.curate.HashBands;
import org.evshard.transforms.curate.PerceptualHash;

/**
 * Near-duplicate removal by perceptual hash at scale: each image's 64-bit pHash is cut into {@code t + 1} bands
 * ({@link HashBands}; t = 3 gives 4 bands of 16 bits), images are bucketed by (band, band value) with one
 * {@code GroupByKey} of small entries, and every bucket lists its pairs within Hamming distance t (each pair only in
 * the lowest band the two hashes share, so once). Pigeonhole: two hashes within t differ in at most t bands, so they
 * share one: banding finds every such pair. The pairs (few) then meet in one place, where union-find makes groups
 * and the representative rule keeps one per group; the others are removed, each naming the kept one and the Hamming
 * distance between the two hashes (a group is a transitive closure, so that distance can exceed t).
 */
final class NearDedup extends PTransform<PCollection<ProcessedImage>, PCollection<RemovedSample>> {

  static final String STEP = "dedup_phash";
  /** Band buckets per band: (band, value) keys are grouped by the value's low bits (few keys, few bundles). */
  static final int BUCKETS_PER_BAND = 16;

  private final int threshold;

  NearDedup(int threshold) {
    this.threshold = threshold;
    HashBands.forThreshold(threshold); // invalid thresholds fail when the pipeline is built
  }

  @Override
  public PCollection<RemovedSample> expand(PCollection<ProcessedImage> images) {
    int t = threshold;
    return images
        .apply("BandKeys", ParDo.of(new BandKeysFn(t)))
        .setCoder(KvCoder.of(VarLongCoder.of(), DedupEntry.EntryCoder.INSTANCE))
        .apply("GroupByBand", GroupByKey.create())
        .apply("PairsInBucket", ParDo.of(new PairsFn(t)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), org.apache.beam.sdk.coders.KvCoder.of(
            DedupEntry.EntryCoder.INSTANCE, DedupEntry.EntryCoder.INSTANCE)))
        .apply("AllPairs", GroupByKey.create())
        .apply("Groups", ParDo.of(new GroupsFn()))
        .setCoder(SerializableCoder.of(RemovedSample.class));
  }

  private static final class BandKeysFn extends DoFn<ProcessedImage, KV<Long, DedupEntry>> {
    private final int threshold;
    private transient HashBands bands;

    BandKeysFn(int threshold) {
      this.threshold = threshold;
    }

    @Setup
    public void setup() {
      bands = HashBands.forThreshold(threshold);
    }

    @ProcessElement
    public void process(@Element ProcessedImage p, OutputReceiver<KV<Long, DedupEntry>> out) {
      DedupEntry e = DedupEntry.of(p);
      for (long key : bands.keys(p.phash())) {
        out.output(KV.of((long) bands.bandOf(key) * BUCKETS_PER_BAND + (key & (BUCKETS_PER_BAND - 1)), e));
      }
    }
  }

  private static final class PairsFn
      extends DoFn<KV<Long, Iterable<DedupEntry>>, KV<String, KV<DedupEntry, DedupEntry>>> {
    private final int threshold;
    private transient HashBands bands;

    PairsFn(int threshold) {
      this.threshold = threshold;
    }

    @Setup
    public void setup() {
      bands = HashBands.forThreshold(threshold);
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<DedupEntry>> bucket,
        OutputReceiver<KV<String, KV<DedupEntry, DedupEntry>>> out) {
      int band = (int) (bucket.getKey() / BUCKETS_PER_BAND);
      Map<Long, List<DedupEntry>> byValue = new java.util.TreeMap<>();
      for (DedupEntry e : bucket.getValue()) {
        byValue.computeIfAbsent(bands.bandValue(e.phash(), band), k -> new ArrayList<>()).add(e);
      }
      for (List<DedupEntry> members : byValue.values()) {
        if (members.size() < 2) {
          continue;
        }
        members.sort(Comparator.comparing(DedupEntry::sampleId));
        long[] hashes = new long[members.size()];
        for (int i = 0; i < hashes.length; i++) {
          hashes[i] = members.get(i).phash();
        }
        int[] pairs = bands.pairsInBucket(band, hashes);
        for (int i = 0; i < pairs.length; i += 2) {
          out.output(KV.of("pairs", KV.of(members.get(pairs[i]), members.get(pairs[i + 1]))));
        }
      }
    }
  }

  private static final class GroupsFn extends DoFn<KV<String, Iterable<KV<DedupEntry, DedupEntry>>>, RemovedSample> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<DedupEntry, DedupEntry>>> all,
        OutputReceiver<RemovedSample> out) {
      Map<String, Integer> index = new HashMap<>();
      List<DedupEntry> entries = new ArrayList<>();
      List<int[]> pairList = new ArrayList<>();
      for (KV<DedupEntry, DedupEntry> p : all.getValue()) {
        pairList.add(new int[] {indexOf(p.getKey(), index, entries), indexOf(p.getValue(), index, entries)});
      }
      // ids in sorted order so the union-find input does not depend on delivery order
      List<DedupEntry> sorted = new ArrayList<>(entries);
      sorted.sort(Comparator.comparing(DedupEntry::sampleId));
      Map<String, Integer> rank = new HashMap<>();
      String[] ids = new String[sorted.size()];
      long[] pixels = new long[sorted.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = sorted.get(i).sampleId();
        pixels[i] = sorted.get(i).pixels();
        rank.put(ids[i], i);
      }
      pairList.sort(Comparator.<int[]>comparingInt(p -> rank.get(entries.get(p[0]).sampleId()))
          .thenComparingInt(p -> rank.get(entries.get(p[1]).sampleId())));
      int[] pairs = new int[pairList.size() * 2];
      for (int i = 0; i < pairList.size(); i++) {
        pairs[2 * i] = rank.get(entries.get(pairList.get(i)[0]).sampleId());
        pairs[2 * i + 1] = rank.get(entries.get(pairList.get(i)[1]).sampleId());
      }
      for (DuplicateOf d : DuplicateGroups.duplicates(ids, pixels, pairs)) {
        DedupEntry removed = sorted.get(rank.get(d.removedId()));
        DedupEntry kept = sorted.get(rank.get(d.keptId()));
        out.output(new RemovedSample(d.removedId(), removed.source(), STEP, "near_duplicate", d.keptId(),
            PerceptualHash.hamming(removed.phash(), kept.phash())));
      }
    }

    private static int indexOf(DedupEntry e, Map<String, Integer> index, List<DedupEntry> entries) {
      return index.computeIfAbsent(e.sampleId(), k -> {
        entries.add(e);
        return entries.size() - 1;
      });
    }
  }
}
