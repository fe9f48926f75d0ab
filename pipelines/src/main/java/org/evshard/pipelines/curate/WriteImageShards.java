package org.evshard.pipelines.curate;

import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.output.WrittenShard;

/**
 * Image rows in, one {@link WrittenShard} per written shard out. A row goes to shard
 * {@code <split>/part-SSSSS-of-NNNNN} with {@code SSSSS} from a hash of its {@code sample_id} (stable across runs and
 * runners) and {@code NNNNN} the split's shard count; one {@code GroupByKey} moves each row to its shard's writer.
 */
public final class WriteImageShards extends PTransform<PCollection<ImageRow>, PCollection<WrittenShard>> {

  private final String output;
  private final ShardFormat format;
  private final ShardWriteOptions options;
  private final Map<String, Integer> shardsPerSplit;
  private final int defaultShards;
  private final boolean webdataset;

  /** {@code shardsPerSplit}: shards of each split; a split not listed gets {@code defaultShards}. */
  public WriteImageShards(String output, ShardFormat format, ShardWriteOptions options,
      Map<String, Integer> shardsPerSplit, int defaultShards) {
    this(output, format, options, shardsPerSplit, defaultShards, false);
  }

  /** {@code webdataset}: each shard is also written as a webdataset tar of the same name. */
  public WriteImageShards(String output, ShardFormat format, ShardWriteOptions options,
      Map<String, Integer> shardsPerSplit, int defaultShards, boolean webdataset) {
    this.webdataset = webdataset;
    this.output = output;
    this.format = format;
    this.options = options;
    this.shardsPerSplit = Map.copyOf(shardsPerSplit);
    this.defaultShards = defaultShards;
    if (defaultShards < 1 || shardsPerSplit.values().stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("every split needs at least one shard, got " + shardsPerSplit
          + " (default " + defaultShards + ")");
    }
  }

  /** The shard a row of {@code split} with {@code sampleId} goes to, of {@code n}. */
  static String shardOf(String split, String sampleId, int n) {
    long h = sampleId.hashCode() * 0x9E3779B97F4A7C15L;
    int index = (int) Math.floorMod(h ^ (h >>> 29), (long) n);
    return String.format("%s/part-%05d-of-%05d", split, index, n);
  }

  @Override
  public PCollection<WrittenShard> expand(PCollection<ImageRow> rows) {
    Map<String, Integer> counts = shardsPerSplit;
    int fallback = defaultShards;
    return rows
        .apply("ToShard", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
                TypeDescriptor.of(ImageRow.class)))
            .via(r -> KV.of(shardOf(r.split(), r.sampleId(), counts.getOrDefault(r.split(), fallback)), r)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ImageRowCoder.of()))
        .apply("GroupByShard", GroupByKey.create())
        .apply("WriteShards", ParDo.of(new WriteImageShardFn(output, format, options, webdataset)))
        .setCoder(SerializableCoder.of(WrittenShard.class));
  }
}
