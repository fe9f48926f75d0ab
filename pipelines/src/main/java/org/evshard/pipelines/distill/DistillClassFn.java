package org.evshard.pipelines.distill;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.io.shard.ImageRow;
import org.evshard.pipelines.select.ByIdHash;
import org.evshard.transforms.curate.ExactDuplicates;
import org.evshard.transforms.select.DistilledClass;
import org.evshard.transforms.select.DistributionMatching;
import org.evshard.transforms.select.RandomConvNet;

/**
 * One class: its real means per net (from {@link RealClassMeans}) joined with its {@code ipc} initial real images
 * (smallest seeded id hash), then the {@link DistributionMatching} kernel; out: the synthetic images as image shard rows
 * (PNG, {@code sample_id = dm-<label_name>-<j>}, the class's label kept, attribute {@code init_sample_id}) and the
 * class's {@link ClassReport}. A class with fewer usable real images than {@code ipc} fails the run, naming it.
 */
final class DistillClassFn extends DoFn<KV<String, CoGbkResult>, ImageRow> {

  static final TupleTag<NetMean> MEANS = new TupleTag<>() {};
  static final TupleTag<List<RealImage>> INITIAL = new TupleTag<>() {};
  static final TupleTag<ImageRow> ROWS = new TupleTag<>() {};
  static final TupleTag<ClassReport> REPORTS = new TupleTag<>() {};
  static final String CLASSES_COUNTER = "classes_distilled";

  private final DmParameters s;
  private final String dataset;
  private final Counter classes = Metrics.counter(DistillClassFn.class, CLASSES_COUNTER);
  private transient DistributionMatching kernel;
  private transient RandomConvNet first;

  DistillClassFn(DmParameters s, String dataset) {
    this.s = s;
    this.dataset = dataset;
  }

  @Setup
  public void setup() {
    List<RandomConvNet> pool = RealClassMeans.pool(s.nets(), s.seed(), s.imageSize());
    kernel = new DistributionMatching(pool, s.iterations(), s.lr(), s.momentum());
    first = pool.get(0);
  }

  @ProcessElement
  public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
    String cls = group.getKey();
    float[][] means = new float[s.nets()][];
    long count = -1;
    for (NetMean m : group.getValue().getAll(MEANS)) {
      means[m.net()] = m.mean();
      count = m.count();
    }
    List<RealImage> initial = new ArrayList<>();
    for (List<RealImage> l : group.getValue().getAll(INITIAL)) {
      initial.addAll(l);
    }
    initial.sort(new ByIdHash<RealImage>(s.seed(), RealImage::sampleId).reversed()); // smallest hash first
    if (initial.size() < s.ipc()) {
      throw new IllegalArgumentException("class " + cls + " has " + initial.size() + " usable real images, fewer "
          + "than --ipc " + s.ipc());
    }
    for (int k = 0; k < means.length; k++) {
      if (means[k] == null) {
        throw new IllegalStateException("class " + cls + " has no real mean for net " + k);
      }
    }
    float[][] init = new float[s.ipc()][];
    for (int j = 0; j < init.length; j++) {
      init[j] = first.normalise(initial.get(j).rgb());
    }
    DistilledClass result = kernel.run(means, init);
    float[][] images = result.images();
    RealImage any = initial.get(0);
    List<String> initIds = new ArrayList<>();
    for (int j = 0; j < images.length; j++) {
      byte[] png = png(first.toPixels(images[j]), s.imageSize());
      String id = "dm-" + cls + "-" + j;
      initIds.add(initial.get(j).sampleId());
      out.get(ROWS).output(new ImageRow(id, dataset, s.split(), any.label(), any.labelName(),
          "distill:distribution_matching/" + cls + "/" + j, null, s.imageSize(), s.imageSize(), s.imageSize(),
          s.imageSize(), ExactDuplicates.sha256Hex(png), "png", png,
          Map.of("method", "distribution_matching", "init_sample_id", initial.get(j).sampleId()), null, null));
    }
    double[] losses = result.losses();
    int m = s.nets();
    double[] lossFirst = new double[m];
    double[] lossLast = new double[m];
    java.util.Arrays.fill(lossFirst, Double.NaN);
    java.util.Arrays.fill(lossLast, Double.NaN);
    for (int i = 0; i < losses.length; i++) {
      int k = i % m;
      if (Double.isNaN(lossFirst[k])) {
        lossFirst[k] = losses[i];
      }
      lossLast[k] = losses[i];
    }
    out.get(REPORTS).output(new ClassReport(any.labelName(), any.label(), count, initIds, lossFirst, lossLast,
        losses));
    classes.inc();
  }

  /** PNG bytes of {@code side x side} RGB pixels (the JDK's encoder: deterministic for the same pixels). */
  static byte[] png(byte[] rgb, int side) {
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int p = 0; p < side * side; p++) {
      bgr[3 * p] = rgb[3 * p + 2];
      bgr[3 * p + 1] = rgb[3 * p + 1];
      bgr[3 * p + 2] = rgb[3 * p];
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", bytes)) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
