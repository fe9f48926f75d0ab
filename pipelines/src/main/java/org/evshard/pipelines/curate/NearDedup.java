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
        .setCoder(KvCoder.of(VarLongCoder.of(), SerializableCoder.of(DedupEntry.class)))
        .apply("GroupByBand", GroupByKey.create())
        .apply("PairsInBucket", ParDo.of(new PairsFn(t)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(DedupPair.class)))
        .apply("AllPairs", GroupByKey.create())
        .apply("Groups", ParDo.of(new GroupsFn()))
        .setCoder(SerializableCoder.of(RemovedSample.class));
  }

  /** Two images within the threshold. */
  record DedupPair(DedupEntry a, DedupEntry b) implements java.io.Serializable {}

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
        out.output(KV.of(key, e));
      }
    }
  }

  private static final class PairsFn extends DoFn<KV<Long, Iterable<DedupEntry>>, KV<String, DedupPair>> {
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
    public void process(@Element KV<Long, Iterable<DedupEntry>> bucket, OutputReceiver<KV<String, DedupPair>> out) {
      List<DedupEntry> members = new ArrayList<>();
      bucket.getValue().forEach(members::add);
      if (members.size() < 2) {
        return;
      }
      members.sort(Comparator.comparing(DedupEntry::sampleId));
      long[] hashes = new long[members.size()];
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = members.get(i).phash();
      }
      int[] pairs = bands.pairsInBucket(bands.bandOf(bucket.getKey()), hashes);
      for (int i = 0; i < pairs.length; i += 2) {
        out.output(KV.of("pairs", new DedupPair(members.get(pairs[i]), members.get(pairs[i + 1]))));
      }
    }
  }

  private static final class GroupsFn extends DoFn<KV<String, Iterable<DedupPair>>, RemovedSample> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<DedupPair>> all, OutputReceiver<RemovedSample> out) {
      Map<String, Integer> index = new HashMap<>();
      List<DedupEntry> entries = new ArrayList<>();
      List<int[]> pairList = new ArrayList<>();
      for (DedupPair p : all.getValue()) {
        pairList.add(new int[] {indexOf(p.a(), index, entries), indexOf(p.b(), index, entries)});
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
