package org.evshard.pipelines.select;

import java.util.Iterator;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The rows of the input shards with their features taken from the {@code --embeddings} pool: joined on the sample id
 * (a DataComp uid) by a {@code CoGroupByKey}, so neither side is held whole. A row without an embedding, a uid with two
 * different ones, or embeddings of different lengths fail the run, naming the uid.
 */
final class EmbeddingJoin extends PTransform<PCollection<FeatureRow>, PCollection<FeatureRow>> {

  private final PCollection<KV<String, float[]>> embeddings;
  private final String key;

  EmbeddingJoin(PCollection<KV<String, float[]>> embeddings, String key) {
    this.embeddings = embeddings;
    this.key = key;
  }

  @Override
  public PCollection<FeatureRow> expand(PCollection<FeatureRow> rows) {
    TupleTag<FeatureRow> rowTag = new TupleTag<>();
    TupleTag<float[]> embeddingTag = new TupleTag<>();
    PCollection<KV<String, FeatureRow>> keyed = rows
        .apply("ById", WithKeys.of((FeatureRow r) -> r.id()).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), FeatureRow.RowCoder.of()));
    String k = key;
    return KeyedPCollectionTuple.of(rowTag, keyed).and(embeddingTag, embeddings)
        .apply("JoinOnUid", CoGroupByKey.create())
        .apply("WithEmbedding", ParDo.of(new WithEmbeddingFn(rowTag, embeddingTag, k)))
        .setCoder(FeatureRow.RowCoder.of());
  }

  /** A uid's rows with its embedding as their features (a static class: the transform itself is not serializable). */
  private static final class WithEmbeddingFn extends DoFn<KV<String, CoGbkResult>, FeatureRow> {
    private final TupleTag<FeatureRow> rowTag;
    private final TupleTag<float[]> embeddingTag;
    private final String key;

    WithEmbeddingFn(TupleTag<FeatureRow> rowTag, TupleTag<float[]> embeddingTag, String key) {
      this.rowTag = rowTag;
      this.embeddingTag = embeddingTag;
      this.key = key;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, OutputReceiver<FeatureRow> out) {
      Iterator<FeatureRow> sample = e.getValue().getAll(rowTag).iterator();
      if (!sample.hasNext()) {
        return; // a pool row that is not in the input
      }
      float[] embedding = null;
      for (float[] v : e.getValue().getAll(embeddingTag)) {
        if (embedding != null && !java.util.Arrays.equals(embedding, v)) {
          throw new IllegalArgumentException("uid " + e.getKey() + " has two different '" + key + "' embeddings in "
              + "the --embeddings pool");
        }
        embedding = v;
      }
      if (embedding == null) {
        throw new IllegalArgumentException("sample " + e.getKey() + " has no '" + key + "' embedding in the "
            + "--embeddings pool (its sample id must be a uid of the pool's metadata)");
      }
      while (sample.hasNext()) {
        FeatureRow r = sample.next();
        out.output(new FeatureRow(r.id(), r.split(), r.labelName(),
            ReadFeaturesFn.finite(embedding, r.id(), "--embeddings"), r.score()));
      }
    }
  }

  /** The coder of the pool's pairs. */
  static KvCoder<String, float[]> pairCoder() {
    return KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(float[].class));
  }
}
