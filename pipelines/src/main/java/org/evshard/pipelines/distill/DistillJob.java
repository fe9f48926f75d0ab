package org.evshard.pipelines.distill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.evshard.io.shard.ImageShardReader;
import org.evshard.io.shard.ImageShardSchema;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestShard;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.EvshardVersion;
import org.evshard.pipelines.convert.ConvertSamples;
import org.evshard.pipelines.convert.OutputFolder;
import org.evshard.pipelines.convert.SampleError;
import org.evshard.pipelines.convert.WriteErrors;
import org.evshard.pipelines.curate.ImageRowCoder;
import org.evshard.pipelines.curate.WriteImageShards;
import org.evshard.pipelines.output.RunManifest;
import org.evshard.pipelines.output.WrittenShard;
import org.evshard.pipelines.runner.BeamOptions;
import org.evshard.pipelines.runner.PipelineRun;
import org.evshard.pipelines.select.ByIdHash;

/**
 * {@code evshard distill}: Distribution Matching over image shards. The Beam pipeline reads every shard (rows of the
 * chosen split, decoded and area-averaged to {@code S x S} RGB; undecodable or unlabelled rows to {@code errors.jsonl}),
 * computes the real class means under each net of the pool once ({@link RealClassMeans}: a {@code Combine.perKey}),
 * picks each class's {@code ipc} initial images by smallest seeded id hash ({@code Top.perKey}), joins both by class
 * ({@code CoGroupByKey}) and runs the kernel per class ({@link DistillClassFn}); the synthetic images are written as
 * image shards ({@link WriteImageShards}, as {@code curate} writes them). The manifest records every parameter, the
 * loss curves per class and the counts: {@code inputs = used + rejected}; in the manifest's own counts
 * ({@code discovered = written + rejected + removed}) {@code discovered} is the inputs, {@code written} the synthetic
 * images and {@code removed} the used real images beyond them ({@code used - written}), which the synthetic ones
 * summarise instead of copy.
 */
public final class DistillJob {

  static final String METHOD = "distribution_matching";
  private static final String SHARDS_PREFIX = "shards";
  private static final String REPORTS_PREFIX = "classes";

  private DistillJob() {
  }

  /** What the run gave. */
  public record Result(Path manifest, long inputs, long used, long rejected, long synthetic, int classes,
      double seconds) {}

  public static Result run(DistillSettings s) throws IOException {
    long start = System.nanoTime();
    Path input = s.input().toAbsolutePath().normalize();
    Path output = s.output().toAbsolutePath().normalize();
    Manifest in = Manifest.read(input.resolve(Manifest.FILE_NAME));
    if (in.shards().isEmpty()) {
      throw new IllegalArgumentException("the input " + input + " holds no shards");
    }
    List<String> shards = in.shards().stream().map(ManifestShard::path).sorted().toList();
    Path firstShard = input.resolve(shards.get(0));
    if (!ImageShardSchema.LAYOUT.equals(ImageShardReader.layoutOf(firstShard))) {
      throw new IllegalArgumentException("distill needs image shards (evshard curate output); " + firstShard
          + " has layout " + ImageShardReader.layoutOf(firstShard));
    }
    ShardFormat format = ShardFormat.ofFile(firstShard);
    java.util.Set<String> splits = in.counts().perSplit().keySet();
    if (!DistillSettings.ALL_SPLITS.equals(s.split()) && !splits.isEmpty() && !splits.contains(s.split())) {
      throw new IllegalArgumentException("the input has no split '" + s.split() + "' (its splits: " + splits
          + "; --split all takes every row)");
    }
    if (output.equals(input)) {
      throw new IllegalArgumentException("the output folder must differ from the input folder " + input);
    }
    // fail on bad kernel parameters before the pipeline starts
    new org.evshard.transforms.select.DistributionMatching(RealClassMeans.pool(1, s.seed(), s.imageSize()),
        s.iterations(), s.lr(), s.momentum());
    org.apache.beam.sdk.options.PipelineOptions options = BeamOptions.forRun(s.beamArgs()); // before the folder
    boolean madeByTheRun = !Files.exists(output);
    OutputFolder.prepare(output, s.overwrite());
    Path temp = output.resolve(ConvertSamples.TEMP_DIR);

    Pipeline p = Pipeline.create(options);
    String inputRoot = input.toString();
    PCollectionTuple read = p.apply("Shards", Create.of(shards).withCoder(StringUtf8Coder.of()))
        .apply("SpreadShards", Reshuffle.viaRandomKey())
        .apply("AbsolutePaths", MapElements.into(TypeDescriptors.strings()).via(rel -> inputRoot + "/" + rel))
        .apply("ReadImages", ParDo.of(new ReadRealImagesFn(s.dm()))
            .withOutputTags(ReadRealImagesFn.IMAGES, TupleTagList.of(ReadRealImagesFn.ERRORS)));
    PCollection<KV<String, RealImage>> images = read.get(ReadRealImagesFn.IMAGES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(RealImage.class)));
    read.get(ReadRealImagesFn.ERRORS).setCoder(SerializableCoder.of(SampleError.class))
        .apply("Errors", new WriteErrors(output.toString()));

    PCollection<KV<String, NetMean>> means = images.apply("RealMeans",
        new RealClassMeans(s.nets(), s.seed(), s.imageSize()));
    PCollection<KV<String, List<RealImage>>> initial = images
        .apply("InitialImages", Top.perKey(s.ipc(), new ByIdHash<RealImage>(s.seed(), RealImage::sampleId)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(SerializableCoder.of(RealImage.class))));
    PCollectionTuple distilled = KeyedPCollectionTuple.of(DistillClassFn.MEANS, means)
        .and(DistillClassFn.INITIAL, initial)
        .apply("JoinByClass", CoGroupByKey.create())
        .apply("Distill", ParDo.of(new DistillClassFn(s.dm(), in.dataset()))
            .withOutputTags(DistillClassFn.ROWS, TupleTagList.of(DistillClassFn.REPORTS)));
    distilled.get(DistillClassFn.REPORTS).setCoder(SerializableCoder.of(ClassReport.class))
        .apply("ReportLines", MapElements.into(TypeDescriptors.strings()).via(ClassReport::toJsonLine))
        .apply("WriteReports", TextIO.write().to(temp.resolve(REPORTS_PREFIX).toString()).withSuffix(".jsonl"));
    ShardWriteOptions writeOptions = ShardWriteOptions.defaults(EvshardVersion.get());
    distilled.get(DistillClassFn.ROWS).setCoder(ImageRowCoder.of())
        .apply("WriteShards", new WriteImageShards(output.toString(), format, writeOptions, Map.of(), 1))
        .apply("ShardLines", MapElements.into(TypeDescriptors.strings()).via(WrittenShard::toJsonLine))
        .apply("WriteShardReports", TextIO.write().to(temp.resolve(SHARDS_PREFIX).toString()).withSuffix(".jsonl"));
    long total = in.shards().stream().mapToLong(ManifestShard::rows).sum();
    PipelineResult result;
    try {
      result = PipelineRun.runToEnd(p, "distill", total, s.progress(), ReadRealImagesFn.class,
          ReadRealImagesFn.INPUTS_COUNTER, ReadRealImagesFn.OTHER_SPLIT_COUNTER);
    } catch (RuntimeException | Error e) { // no half-written output folder (errors.jsonl, temporary files) left
      OutputFolder.afterFailure(output, madeByTheRun, e);
      throw e;
    }
    long inputs = PipelineRun.counter(result, ReadRealImagesFn.class, ReadRealImagesFn.INPUTS_COUNTER);
    long otherSplit = PipelineRun.counter(result, ReadRealImagesFn.class, ReadRealImagesFn.OTHER_SPLIT_COUNTER);

    List<ClassReport> reports = readReports(temp);
    List<WrittenShard> written = RunManifest.readReports(temp, SHARDS_PREFIX);
    OutputFolder.deleteTree(temp);
    long rejected = RunManifest.countLines(output.resolve(Manifest.ERRORS_FILE));
    long used = reports.stream().mapToLong(ClassReport::realImages).sum();
    long synthetic = written.stream().mapToLong(WrittenShard::rows).sum();
    if (inputs != used + rejected) {
      throw new IllegalStateException("the run does not reconcile: " + inputs + " inputs, but " + used
          + " used by the classes and " + rejected + " rejected");
    }
    if (synthetic != (long) reports.size() * s.ipc()) {
      throw new IllegalStateException(synthetic + " synthetic images written for " + reports.size()
          + " classes of " + s.ipc());
    }
    Map<String, Object> parameters = parameters(s, input, reports, inputs, used, rejected, otherSplit, synthetic);
    RunManifest.write(output, in.dataset(), input.toString(), format, parameters, written, inputs,
        used - synthetic, EvshardVersion.get());
    return new Result(OutputFolder.resultsOf(output).resolve(Manifest.FILE_NAME), inputs, used, rejected, synthetic,
        reports.size(),
        (System.nanoTime() - start) / 1e9);
  }

  private static Map<String, Object> parameters(DistillSettings s, Path input, List<ClassReport> reports,
      long inputs, long used, long rejected, long otherSplit, long synthetic) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", METHOD);
    m.put("ipc", s.ipc());
    m.put("iterations", s.iterations());
    m.put("nets", s.nets());
    m.put("seed", s.seed());
    m.put("lr", s.lr());
    m.put("momentum", s.momentum());
    m.put("image_size", s.imageSize());
    m.put("split", s.split());
    m.put("net", "ConvNet-3 width 128, instance norm, ReLU, avg pool (RandomConvNet); net k seeded by "
        + "DistributionMatching.netSeed(seed, k); iteration i uses net i mod nets");
    m.put("normalisation", "CIFAR-10 mean/std");
    m.put("init", "real: per class the ipc images with the smallest seeded id hash");
    m.put("deviations", List.of("fixed pool of seeded nets instead of a fresh net per iteration",
        "real means over all of a class's images, computed once, instead of a batch of 256 per iteration",
        "no DSA augmentation", "net weights from evshard's generator, not PyTorch's", "float32 CPU loops"));
    m.put("input_manifest", input.resolve(Manifest.FILE_NAME).toString());
    m.put("beam_args", s.beamArgs());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("inputs", inputs);
    d.put("used", used);
    d.put("rejected", rejected);
    d.put("other_split_rows", otherSplit);
    d.put("classes", reports.size());
    d.put("synthetic", synthetic);
    List<Map<String, Object>> classes = new ArrayList<>();
    for (ClassReport r : reports) {
      classes.add(r.toManifest());
    }
    d.put("per_class", classes);
    m.put("distillation", d);
    return m;
  }

  private static List<ClassReport> readReports(Path temp) throws IOException {
    List<ClassReport> out = new ArrayList<>();
    for (String line : RunManifest.readLines(temp, REPORTS_PREFIX)) {
      out.add(ClassReport.fromJsonLine(line));
    }
    out.sort(Comparator.comparingInt(ClassReport::label).thenComparing(ClassReport::labelName));
    return out;
  }
}
