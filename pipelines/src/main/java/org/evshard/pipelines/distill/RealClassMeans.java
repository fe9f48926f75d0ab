package org.evshard.pipelines.distill;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.evshard.transforms.select.DistributionMatching;
import org.evshard.transforms.select.RandomConvNet;

/**
 * The real class means of Distribution Matching, computed once: every real image is embedded by each of the
 * {@code M} nets of the pool, and a {@code Combine.perKey} with a sum-and-count accumulator ({@link MeanEmbeddingFn})
 * per {@code (class, net)} gives the mean; out: one {@link NetMean} per class and net, keyed by class.
 */
final class RealClassMeans extends PTransform<PCollection<KV<String, RealImage>>, PCollection<KV<String, NetMean>>> {

  private final int nets;
  private final long seed;
  private final int side;

  RealClassMeans(int nets, long seed, int side) {
    this.nets = nets;
    this.seed = seed;
    this.side = side;
  }

  /** The pool: net {@code k} is {@code side x side} RGB with CIFAR-10 normalisation, seeded by {@code netSeed}. */
  static List<RandomConvNet> pool(int nets, long seed, int side) {
    List<RandomConvNet> out = new ArrayList<>();
    for (int k = 0; k < nets; k++) {
      out.add(new RandomConvNet(3, side, side, RandomConvNet.CIFAR10_MEAN, RandomConvNet.CIFAR10_STD,
          DistributionMatching.netSeed(seed, k)));
    }
    return out;
  }

  @Override
  public PCollection<KV<String, NetMean>> expand(PCollection<KV<String, RealImage>> images) {
    return images
        .apply("EmbedPerNet", ParDo.of(new EmbedFn(nets, seed, side)))
        .setCoder(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()), FloatArrayCoder.of()))
        .apply("MeanPerClassAndNet", Combine.perKey(new MeanEmbeddingFn()))
        .setCoder(KvCoder.of(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()),
            SerializableCoder.of(MeanEmbeddingFn.Mean.class)))
        .apply("ByClass", ParDo.of(new DoFn<KV<KV<String, Integer>, MeanEmbeddingFn.Mean>, KV<String, NetMean>>() {
          @ProcessElement
          public void process(@Element KV<KV<String, Integer>, MeanEmbeddingFn.Mean> m,
              OutputReceiver<KV<String, NetMean>> out) {
            out.output(KV.of(m.getKey().getKey(), new NetMean(m.getKey().getValue(), m.getValue().mean(),
                m.getValue().count())));
          }
        }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(NetMean.class)));
  }

  /** Embeds one real image with every net of the pool (built once per worker). */
  static final class EmbedFn extends DoFn<KV<String, RealImage>, KV<KV<String, Integer>, float[]>> {

    private final int nets;
    private final long seed;
    private final int side;
    private transient List<RandomConvNet> pool;

    EmbedFn(int nets, long seed, int side) {
      this.nets = nets;
      this.seed = seed;
      this.side = side;
    }

    @Setup
    public void setup() {
      pool = pool(nets, seed, side);
    }

    @ProcessElement
    public void process(@Element KV<String, RealImage> image, OutputReceiver<KV<KV<String, Integer>, float[]>> out) {
      for (int k = 0; k < pool.size(); k++) {
        out.output(KV.of(KV.of(image.getKey(), k), pool.get(k).embed(image.getValue().rgb())));
      }
    }
  }
}
