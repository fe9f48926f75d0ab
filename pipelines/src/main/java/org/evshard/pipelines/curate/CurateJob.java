package org.evshard.pipelines.curate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.evshard.datasets.image.ImageCorpora;
import org.evshard.datasets.image.DataCompPool;
import org.evshard.datasets.image.ImageCorpus;
import org.evshard.datasets.image.ImageDiscovery;
import org.evshard.datasets.image.ImageSourceRef;
import org.evshard.io.datacomp.UidSubset;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.EvshardVersion;
import org.evshard.pipelines.convert.ConvertSamples;
import org.evshard.pipelines.convert.OutputFolder;
import org.evshard.pipelines.convert.SampleError;
import org.evshard.pipelines.convert.WriteErrors;
import org.evshard.pipelines.output.RunManifest;
import org.evshard.pipelines.output.WrittenShard;
import org.evshard.pipelines.runner.BeamOptions;
import org.evshard.pipelines.runner.LiveCount;
import org.evshard.pipelines.runner.PipelineRun;

/**
 * A whole curation: discover the corpus, run the Beam pipeline (read, decode and resize, deduplicate exactly and by
 * perceptual hash, write image shards per split; every rejected sample to {@code errors.jsonl}, every removed one to
 * {@code removed.jsonl}), then write {@code curate_report.json}, the optional uid subset and, last, the manifest,
 * after checking {@code inputs = written + rejected + removed}.
 */
public final class CurateJob {

  private static final String SHARDS_PREFIX = "shards";
  private static final String KEPT_PREFIX = "kept";
  private static final String SKIPS_PREFIX = "tar-skips";

  private CurateJob() {
  }

  /** What the run gave. */
  public record Result(Path output, Path manifest, long inputs, long written, long rejected, long removed,
      int shards, double seconds) {}

  /** Shards aimed at for the whole input when each still holds enough bytes (as {@code convert} plans them). */
  static final int PLANNED_SHARDS = 16;

  public static Result run(CurateSettings s) throws IOException {
    long start = System.nanoTime();
    ImageCorpus corpus = ImageCorpora.byName(s.dataset());
    Path input = s.input().toAbsolutePath().normalize();
    Path output = s.output().toAbsolutePath().normalize();
    OutputFolder.requireOutside(input, output);
    boolean datacomp = corpus instanceof DataCompPool;
    if (!s.filters().isEmpty() && !datacomp) {
      throw new IllegalArgumentException("the DataComp filters need a DataComp pool (--dataset datacomp); "
          + s.dataset() + " has no captions or CLIP scores");
    }
    OutputFolder.check(output, s.overwrite()); // refused early; created only once discovery stands
    ImageDiscovery discovery = corpus.discover(input, s.discovery());
    List<ImageSourceRef> sources = discovery.sources();
    List<ImageSourceRef> metadataSources = sources.stream()
        .filter(r -> r.kind() == ImageSourceRef.Kind.DATACOMP_METADATA).toList();
    List<ImageSourceRef> imageSources = sources.stream()
        .filter(r -> r.kind() != ImageSourceRef.Kind.DATACOMP_METADATA).toList();
    boolean metadataOnly = datacomp && imageSources.isEmpty();
    if (metadataOnly && s.subsetOut() == null) {
      throw new IllegalArgumentException("the DataComp pool under " + input + " has no shards/: curating its metadata "
          + "alone gives a uid subset, so --subset-out FILE.npy is required");
    }
    if (!datacomp && imageSources.isEmpty()) {
      List<String> ignored = discovery.ignored();
      throw new IllegalArgumentException(corpus.name() + ": no image under " + input + (ignored.isEmpty() ? ""
          : " (" + ignored.size() + " other entries, e.g. " + String.join(", ", ignored.subList(0,
              Math.min(3, ignored.size()))) + ")") + ". Expected layout: " + corpus.layout());
    }
    boolean madeByTheRun = !Files.exists(output);
    OutputFolder.prepare(output, s.overwrite());
    try {
      Path temp = output.resolve(ConvertSamples.TEMP_DIR);
      ImageProcessing processing = s.processing().withPhash(s.dedup().contains("phash"));

      Pipeline p = Pipeline.create(BeamOptions.forRun(s.beamArgs()));
      int workers = BeamOptions.workers(s.beamArgs(), p.getOptions());
      // every sample kept or dropped on its own: each worker reads, decodes and writes whole shards (no shuffle)
      boolean perTask = !datacomp && s.dedup().isEmpty() && !imageSources.isEmpty();
      // the shard count follows the input only, not the workers: the same input gives the same shards on every runner
      List<ImageShardTask> shardTasks = perTask ? ImageShardTask.plan(input, imageSources, s.shardsPerSplit(),
          s.targetShardBytes(), PLANNED_SHARDS) : List.of();
      Map<String, Integer> shards = perTask ? countsOf(shardTasks) : shardCounts(input, imageSources, s);
      LiveCount live = LiveCount.create(); // raised per input read where shard tasks read, process and write
      List<PCollection<SampleError>> errors = new ArrayList<>();
      List<PCollection<RemovedSample>> removed = new ArrayList<>();
      PCollection<KV<String, Long>> skips = null;
      PCollection<CurateItem> items = null;
      if (perTask) {
        PCollectionTuple done = p.apply("Curate", new CurateShards(shardTasks, input.toString(), output.toString(),
            processing, s.tarLimits(), s.shardFormat(), ShardWriteOptions.defaults(EvshardVersion.get()),
            s.webdataset(), s.subsetOut() != null, live));
        errors.add(done.get(CurateShards.ERRORS));
        removed.add(done.get(CurateShards.REMOVED));
        skips = done.get(CurateShards.SKIPS);
        done.get(CurateShards.SHARDS)
            .apply("ShardLines", MapElements.into(TypeDescriptors.strings()).via(WrittenShard::toJsonLine))
            .apply("WriteShardReports", TextIO.write().to(temp.resolve(SHARDS_PREFIX).toString())
                .withSuffix(".jsonl"));
        if (s.subsetOut() != null) {
          done.get(CurateShards.KEPT)
              .apply("WriteKept", TextIO.write().to(temp.resolve(KEPT_PREFIX).toString()).withSuffix(".txt"));
        }
      } else if (!imageSources.isEmpty()) {
        PCollectionTuple read = p
            .apply("Tasks", Create.of(ImageTask.plan(imageSources, 4 * workers))
                .withCoder(SerializableCoder.of(ImageTask.class)))
            .apply("SpreadTasks", Reshuffle.viaRandomKey())
            .apply("Read", ParDo.of(new ReadImageSourcesFn(input.toString(), processing.limits().maxEncodedBytes(),
                    s.tarLimits(), !datacomp))
                .withOutputTags(ReadImageSourcesFn.ITEMS, TupleTagList.of(ReadImageSourcesFn.ERRORS)
                    .and(ReadImageSourcesFn.TAR_SKIPS)));
        items = read.get(ReadImageSourcesFn.ITEMS).setCoder(CurateItemCoder.of());
        errors.add(read.get(ReadImageSourcesFn.ERRORS).setCoder(SerializableCoder.of(SampleError.class)));
        skips = read.get(ReadImageSourcesFn.TAR_SKIPS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
      }
      if (datacomp) {
        PCollectionTuple meta = p
            .apply("MetadataFiles", Create.of(metadataSources).withCoder(SerializableCoder.of(ImageSourceRef.class)))
            .apply("SpreadMetadata", Reshuffle.viaRandomKey())
            .apply("ReadMetadata", ParDo.of(new ReadDataCompMetadataFn(input.toString(), s.imageBased()))
                .withOutputTags(ReadDataCompMetadataFn.ITEMS, TupleTagList.of(ReadDataCompMetadataFn.ERRORS)));
        PCollection<CurateItem> rows = meta.get(ReadDataCompMetadataFn.ITEMS)
            .setCoder(CurateItemCoder.of());
        errors.add(meta.get(ReadDataCompMetadataFn.ERRORS).setCoder(SerializableCoder.of(SampleError.class)));
        if (items != null) {
          PCollectionTuple joined = KeyedPCollectionTuple
              .of(JoinImagesFn.META, byUid(rows, "MetaByUid"))
              .and(JoinImagesFn.IMAGES, byUid(items, "ImagesByUid"))
              .apply("JoinOnUid", CoGroupByKey.create())
              .apply("Join", ParDo.of(new JoinImagesFn()).withOutputTags(JoinImagesFn.JOINED,
                  TupleTagList.of(JoinImagesFn.ORPHANS)));
          rows = joined.get(JoinImagesFn.JOINED).setCoder(CurateItemCoder.of());
          errors.add(joined.get(JoinImagesFn.ORPHANS).setCoder(SerializableCoder.of(SampleError.class)));
        }
        PCollectionView<Double> threshold = null;
        if (s.clip() != null && s.clip().fraction() != null) {
          String arch = s.clip().arch();
          threshold = rows
              .apply("Scores", MapElements.into(TypeDescriptors.floats())
                  .via(r -> (float) r.datacomp().clipScore(arch)))
              .apply("FractionThreshold", Combine.globally(new ClipThresholdFn(s.clip().fraction())))
              .apply("ThresholdView", View.asSingleton());
        }
        DataCompFilterFn filter = new DataCompFilterFn(s.filters(), s.clip(), threshold, s.imageBased());
        PCollectionTuple filtered = rows.apply("Filters", (threshold == null ? ParDo.of(filter)
                : ParDo.of(filter).withSideInputs(threshold))
            .withOutputTags(DataCompFilterFn.KEPT, TupleTagList.of(DataCompFilterFn.REMOVED)));
        removed.add(filtered.get(DataCompFilterFn.REMOVED).setCoder(SerializableCoder.of(RemovedSample.class)));
        items = filtered.get(DataCompFilterFn.KEPT).setCoder(CurateItemCoder.of());
        if (metadataOnly) {
          items.apply("KeptUids", MapElements.into(TypeDescriptors.strings()).via(CurateItem::sampleId))
              .apply("WriteKeptUids", TextIO.write().to(temp.resolve(KEPT_PREFIX).toString()).withSuffix(".txt"));
        } else {
          removed.add(items.apply("NotDownloaded", ParDo.of(new NotDownloadedFn()))
              .setCoder(SerializableCoder.of(RemovedSample.class)));
          items = items.apply("WithImage", org.apache.beam.sdk.transforms.Filter.by(i -> i.image() != null))
              .setCoder(CurateItemCoder.of());
        }
      }
      if (!metadataOnly && !perTask) {
        writeImages(items, processing, s, output, temp, shards, errors, removed);
      }
      PCollectionList.of(errors).apply("AllErrors", Flatten.pCollections())
          .apply("Errors", new WriteErrors(output.toString()));
      PCollectionList.of(removed).apply("AllRemoved", Flatten.pCollections())
          .apply("RemovedLines", MapElements.into(TypeDescriptors.strings()).via(RemovedSample::toJsonLine))
          .apply("WriteRemoved", TextIO.write().to(output.resolve("removed").toString()).withSuffix(".jsonl")
              .withoutSharding()
              .withTempDirectory(org.apache.beam.sdk.io.FileSystems.matchNewResource(temp.toString(), true)));
      if (skips != null) {
        skips.apply("SkipTotals", Sum.longsPerKey())
            .apply("SkipLines", MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey() + "\t"
                + kv.getValue()))
            .apply("WriteSkips", TextIO.write().to(temp.resolve(SKIPS_PREFIX).toString()).withSuffix(".tsv"));
      }
      PipelineResult result = PipelineRun.runToEnd(p, "curate " + s.dataset(),
          sources.stream().allMatch(r -> r.kind() == ImageSourceRef.Kind.IMAGE_FILE) ? sources.size() : -1, s.progress(),
          live, ReadImageSourcesFn.class, ReadImageSourcesFn.INPUTS_COUNTER);
      long inputs = PipelineRun.counter(result, ReadImageSourcesFn.class, ReadImageSourcesFn.INPUTS_COUNTER);

      List<WrittenShard> written = RunManifest.readReports(temp, SHARDS_PREFIX);
      long writtenRows = written.stream().mapToLong(WrittenShard::rows).sum();
      Map<String, Long> skipped = readSkips(temp);
      if (s.subsetOut() != null) {
        UidSubsetFile.write(s.subsetOut(), RunManifest.readLines(temp, KEPT_PREFIX));
      }
      OutputFolder.deleteTree(temp);
      Map<String, Object> parameters = new LinkedHashMap<>(discovery.parameters());
      if (s.discovery().listing() != null) {
        parameters.put("file_list", s.discovery().listing().toString());
      }
      parameters.put("filters", s.filters());
      parameters.put("dedup", s.dedup());
      parameters.put("dedup_threshold", s.dedupThreshold());
      parameters.put("resize", s.processing().resize() == null ? "none" : s.processing().resize().toParameters());
      parameters.put("decode_tensor", s.processing().decodeTensor());
      parameters.put("max_pixels", s.processing().limits().maxPixels());
      parameters.put("max_image_bytes", s.processing().limits().maxEncodedBytes());
      parameters.put("shards_per_split", shards);
      parameters.put("webdataset_out", s.webdataset());
      parameters.put("beam_args", s.beamArgs());
      long removedCount = RunManifest.countLines(output.resolve(RemovedSample.FILE_NAME));
      if (metadataOnly) {
        // no images, no shards: the product is the uid subset; the report reconciles inputs = kept + rejected + removed
        long kept = UidSubset.read(s.subsetOut()).size();
        parameters.put("metadata_only", true);
        parameters.put("kept_uids", kept);
        // written = the uids written to the subset, so that the report's inputs = written + rejected + removed
        CurateReport.write(output, s.dataset(), inputs, kept, skipped, parameters);
        OutputFolder.commit(output);
        long rejected = RunManifest.countLines(output.resolve(Manifest.ERRORS_FILE));
        if (inputs != kept + rejected + removedCount) {
          throw new IllegalStateException("the run does not reconcile: " + inputs + " rows, but " + kept + " kept, "
              + rejected + " rejected and " + removedCount + " removed");
        }
        return new Result(output, null, inputs, kept, rejected, removedCount, 0, (System.nanoTime() - start) / 1e9);
      }
      CurateReport.write(output, s.dataset(), inputs, writtenRows, skipped, parameters);
      Manifest manifest = RunManifest.write(output, s.dataset(), input.toString(), s.shardFormat(), parameters,
          written, inputs, removedCount, EvshardVersion.get());
      return new Result(output, OutputFolder.resultsOf(output).resolve(Manifest.FILE_NAME), inputs, writtenRows,
          manifest.counts().rejected(), removedCount, written.size(), (System.nanoTime() - start) / 1e9);
    } catch (IOException | RuntimeException | Error e) { // the earlier results back, no partial output left
      OutputFolder.afterFailure(output, madeByTheRun, e);
      throw e;
    }
  }

  /** Decode, deduplicate and write the images; errors and removals join the given lists. */
  private static void writeImages(PCollection<CurateItem> items, ImageProcessing processing, CurateSettings s,
      Path output, Path temp, Map<String, Integer> shards, List<PCollection<SampleError>> errors,
      List<PCollection<RemovedSample>> removed) {
    PCollectionTuple processed = items
        .apply("Decode", ParDo.of(new ProcessImageFn(processing))
            .withOutputTags(ProcessImageFn.IMAGES, TupleTagList.of(ProcessImageFn.ERRORS)
                .and(ProcessImageFn.REMOVED)));
    errors.add(processed.get(ProcessImageFn.ERRORS).setCoder(SerializableCoder.of(SampleError.class)));
    removed.add(processed.get(ProcessImageFn.REMOVED).setCoder(SerializableCoder.of(RemovedSample.class)));
    PCollection<ProcessedImage> images = processed.get(ProcessImageFn.IMAGES)
        .setCoder(ProcessedImage.ProcessedCoder.of());
    if (s.dedup().contains("exact")) {
      PCollection<RemovedSample> exact = images.apply("ExactDedup", new ExactDedup());
      removed.add(exact);
      images = drop(images, exact, "Exact");
    }
    if (s.dedup().contains("phash")) {
      PCollection<RemovedSample> near = images.apply("NearDedup", new NearDedup(s.dedupThreshold()));
      removed.add(near);
      images = drop(images, near, "Near");
    }
    PCollection<ImageRow> rows = images
        .apply("Rows", MapElements.into(TypeDescriptor.of(ImageRow.class)).via(ProcessedImage::row))
        .setCoder(ImageRowCoder.of());
    ShardWriteOptions writeOptions = ShardWriteOptions.defaults(EvshardVersion.get());
    rows.apply("WriteShards", new WriteImageShards(output.toString(), s.shardFormat(), writeOptions, shards, 1,
            s.webdataset()))
        .apply("ShardLines", MapElements.into(TypeDescriptors.strings()).via(WrittenShard::toJsonLine))
        .apply("WriteShardReports", TextIO.write().to(temp.resolve(SHARDS_PREFIX).toString()).withSuffix(".jsonl"));
    if (s.subsetOut() != null) {
      rows.apply("KeptIds", MapElements.into(TypeDescriptors.strings()).via(ImageRow::sampleId))
          .apply("WriteKept", TextIO.write().to(temp.resolve(KEPT_PREFIX).toString()).withSuffix(".txt"));
    }
  }

  /** Items keyed by DataComp uid: a metadata row's id, a shard sample's {@code uid} json field. */
  private static PCollection<KV<String, CurateItem>> byUid(PCollection<CurateItem> items, String name) {
    return items.apply(name, MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
            TypeDescriptor.of(CurateItem.class)))
        .via(i -> KV.of(i.datacomp() != null ? i.datacomp().uid()
            : i.attributes().getOrDefault("uid", "missing-uid:" + i.sampleId()), i)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), CurateItemCoder.of()));
  }

  /** A kept DataComp row whose image the shards do not hold (its download failed): removed, not an error. */
  static final class NotDownloadedFn extends org.apache.beam.sdk.transforms.DoFn<CurateItem, RemovedSample> {
    @ProcessElement
    public void process(@Element CurateItem item, OutputReceiver<RemovedSample> out) {
      if (item.image() == null) {
        out.output(RemovedSample.filtered(item.sampleId(), item.source(), "join", "not_downloaded"));
      }
    }
  }

  private static PCollection<ProcessedImage> drop(PCollection<ProcessedImage> images,
      PCollection<RemovedSample> removed, String name) {
    PCollectionView<Map<String, String>> view = removed
        .apply(name + "RemovedIds", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
            TypeDescriptors.strings())).via(r -> KV.of(r.sampleId(), r.step())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply(name + "RemovedView", View.asMap());
    return images.apply(name + "Drop", ParDo.of(new DropRemovedFn(view)).withSideInputs(view))
        .setCoder(ProcessedImage.ProcessedCoder.of());
  }

  private static Map<String, Integer> countsOf(List<ImageShardTask> tasks) {
    Map<String, Integer> counts = new TreeMap<>();
    tasks.forEach(t -> counts.put(t.split(), t.count()));
    return counts;
  }

  /** Shards per split: the split's input bytes over the target size, at least one. */
  static Map<String, Integer> shardCounts(Path input, List<ImageSourceRef> sources, CurateSettings s)
      throws IOException {
    Map<String, Long> bytes = new TreeMap<>();
    for (ImageSourceRef r : sources) {
      Path f = input.resolve(r.path());
      bytes.merge(r.split(), Files.isRegularFile(f) ? Files.size(f) : 0L, Long::sum);
    }
    Map<String, Integer> counts = new TreeMap<>();
    bytes.forEach((split, b) -> counts.put(split, s.shardsPerSplit() > 0 ? s.shardsPerSplit()
        : (int) Math.max(1, Math.min(10_000, (b + s.targetShardBytes() - 1) / s.targetShardBytes()))));
    return counts;
  }

  private static Map<String, Long> readSkips(Path temp) throws IOException {
    Map<String, Long> skips = new TreeMap<>();
    for (String line : RunManifest.readLines(temp, SKIPS_PREFIX)) {
      String[] f = line.split("\t");
      skips.merge(f[0], Long.parseLong(f[1]), Long::sum);
    }
    return skips;
  }

}
