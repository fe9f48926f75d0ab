package org.evshard.pipelines.select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.evshard.io.datacomp.UidSubset;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardReader;
import org.evshard.io.shard.ImageShardSchema;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestShard;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardReader;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.EvshardVersion;
import org.evshard.pipelines.convert.ConvertSamples;
import org.evshard.pipelines.convert.OutputFolder;
import org.evshard.pipelines.output.RunManifest;
import org.evshard.pipelines.output.WrittenShard;
import org.evshard.pipelines.runner.BeamOptions;
import org.evshard.pipelines.runner.PipelineRun;

/**
 * A whole selection: read the input manifest, run the Beam pipeline (features per shard, grouping, one selection per
 * group after a {@code GroupByKey}, then a copy of the chosen rows into shards of the same schema and names), then
 * write {@code selection.parquet} (who was chosen, in which group, at which rank, with which score) and the manifest
 * ({@code inputs = written + removed}, the method and its parameters recorded).
 */
public final class SelectJob {

  static final String SELECTION_FILE = "selection.parquet";
  private static final String SELECTED_PREFIX = "selected";
  private static final String SHARDS_PREFIX = "shards";

  private SelectJob() {
  }

  /** What the run gave. */
  public record Result(Path manifest, long inputs, long selected, int shards, double seconds) {}

  /**
   * Refuses {@code --subset-out} before the run, with nothing written, when the first row of the first shard has an id
   * that is not a DataComp uid (up to 32 hex digits): a dataset's ids are all of one kind. An input that mixes kinds
   * still fails when the subset is written, naming the id.
   */
  private static void requireUids(Path firstShard, boolean images) throws IOException {
    String id;
    if (images) {
      try (ImageShardReader r = new ImageShardReader(firstShard)) {
        ImageRow row = r.next();
        id = row == null ? null : row.sampleId();
      }
    } else {
      try (ShardReader r = ShardFormat.ofFile(firstShard).openReader(firstShard)) {
        id = r.hasNext() ? r.next().sampleId() : null;
      }
    }
    if (id == null) {
      return;
    }
    try {
      UidSubset.parseUid(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--subset-out writes DataComp uids (hex digits), and the input's sample "
          + "ids are not uids (the first is '" + id + "'); selection.parquet lists the chosen sample ids of any "
          + "dataset");
    }
  }

  public static Result run(SelectSettings s) throws IOException {
    long start = System.nanoTime();
    Path input = s.input().toAbsolutePath().normalize();
    Path output = s.output().toAbsolutePath().normalize();
    Manifest in = Manifest.read(input.resolve(Manifest.FILE_NAME));
    if (in.shards().isEmpty()) {
      throw new IllegalArgumentException("the input " + input + " holds no shards");
    }
    List<String> shards = in.shards().stream().map(ManifestShard::path).sorted().toList();
    ShardFormat format = ShardFormat.ofFile(input.resolve(shards.get(0)));
    boolean images = ImageShardSchema.LAYOUT.equals(ImageShardReader.layoutOf(input.resolve(shards.get(0))));
    long inputs = in.shards().stream().mapToLong(ManifestShard::rows).sum();
    if (output.equals(input)) {
      throw new IllegalArgumentException("the output folder must differ from the input folder " + input);
    }
    if (s.subsetOut() != null) {
      requireUids(input.resolve(shards.get(0)), images);
    }
    org.apache.beam.sdk.options.PipelineOptions options = BeamOptions.forRun(s.beamArgs()); // before the folder
    boolean madeByTheRun = !Files.exists(output);
    OutputFolder.prepare(output, s.overwrite());
    Path temp = output.resolve(ConvertSamples.TEMP_DIR);

    Pipeline p = Pipeline.create(options);
    PCollectionView<Map<String, Iterable<Double>>> scores = null;
    if (s.method().needsScores()) {
      scores = p.apply("ReadScores", TextIO.read().from(s.scores().toAbsolutePath().toString()))
          .apply("ParseScores", ParDo.of(new ParseScoreFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), org.apache.beam.sdk.coders.DoubleCoder.of()))
          .apply("ScoresView", View.asMultimap());
    }
    FeatureExtractor extractor = s.method().needsFeatures() || s.grouping().kind() == Grouping.Kind.KMEANS
        ? new FeatureExtractor(s.features(), s.parameters().seed()) : null;
    PCollection<String> shardPaths = p.apply("Shards", Create.of(shards).withCoder(StringUtf8Coder.of()))
        .apply("SpreadShards", Reshuffle.viaRandomKey());
    ReadFeaturesFn read = new ReadFeaturesFn(images, extractor, scores);
    String inputRoot = input.toString();
    PCollection<FeatureRow> rows = shardPaths
        .apply("AbsolutePaths", MapElements.into(TypeDescriptors.strings())
            .via(rel -> inputRoot + "/" + rel))
        .apply("Features", scores == null ? ParDo.of(read) : ParDo.of(read).withSideInputs(scores))
        .setCoder(FeatureRow.RowCoder.of());
    if (s.embeddings() != null && (s.method().needsFeatures() || s.grouping().kind() == Grouping.Kind.KMEANS)) {
      rows = rows.apply("Embeddings", new EmbeddingJoin(p.apply("EmbeddingFiles", Create.of(embeddingFiles(
          s.embeddings())).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
          .apply("ReadEmbeddings", ParDo.of(new ReadEmbeddingsFn(s.features().key())))
          .setCoder(EmbeddingJoin.pairCoder()), s.features().key()));
    }
    PCollectionView<Centroids> centroids = null;
    if (s.grouping().kind() == Grouping.Kind.KMEANS) {
      centroids = rows.apply("KMeansSample", Top.of(s.kmeansSample(),
              new ByIdHash<FeatureRow>(s.parameters().seed(), FeatureRow::id)))
          .apply("FitCentroids", ParDo.of(new FitCentroidsFn(s.grouping().clusters(), s.parameters().seed())))
          .setCoder(SerializableCoder.of(Centroids.class))
          .apply("CentroidsView", View.asSingleton());
    }
    AssignGroupFn assign = new AssignGroupFn(s.grouping(), centroids);
    PCollection<SelectedRow> selected = rows
        .apply("Group", centroids == null ? ParDo.of(assign) : ParDo.of(assign).withSideInputs(centroids))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), FeatureRow.RowCoder.of()))
        .apply("ByGroup", GroupByKey.create())
        .apply("Select", ParDo.of(new SelectGroupFn(s.method(), s.parameters(), s.maxGroupBytes())))
        .setCoder(SerializableCoder.of(SelectedRow.class));
    selected.apply("SelectionLines", MapElements.into(TypeDescriptors.strings()).via(SelectedRow::toLine))
        .apply("WriteSelection", TextIO.write().to(temp.resolve(SELECTED_PREFIX).toString()).withSuffix(".jsonl"));
    PCollectionView<Map<String, Integer>> chosen = selected
        .apply("ChosenIds", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
            TypeDescriptors.integers())).via(r -> KV.of(r.sampleId(), r.rank())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .apply("ChosenView", View.asMap());
    ShardWriteOptions writeOptions = ShardWriteOptions.defaults(EvshardVersion.get());
    p.apply("OutputShards", Create.of(shards).withCoder(StringUtf8Coder.of()))
        .apply("Copy", ParDo.of(new CopySelectedFn(input.toString(), output.toString(), images, writeOptions, chosen))
            .withSideInputs(chosen))
        .setCoder(SerializableCoder.of(WrittenShard.class))
        .apply("ShardLines", MapElements.into(TypeDescriptors.strings()).via(WrittenShard::toJsonLine))
        .apply("WriteShardReports", TextIO.write().to(temp.resolve(SHARDS_PREFIX).toString()).withSuffix(".jsonl"));
    try {
      PipelineRun.runToEnd(p, "select " + s.method().cliName(), inputs, s.progress(), ReadFeaturesFn.class,
          ReadFeaturesFn.ROWS_COUNTER);
      return finish(s, in, input, output, temp, format, inputs, start);
    } catch (IOException | RuntimeException | Error e) { // no empty or half-written output folder left
      OutputFolder.afterFailure(output, madeByTheRun, e);
      throw e;
    }
  }

  /** selection.parquet, the uid subset, errors.jsonl and the manifest, once the pipeline wrote the shards. */
  private static Result finish(SelectSettings s, Manifest in, Path input, Path output, Path temp, ShardFormat format,
      long inputs, long start) throws IOException {
    List<SelectedRow> chosenRows = readSelection(temp);
    SelectionFile.write(output.resolve(SELECTION_FILE), chosenRows);
    if (s.subsetOut() != null) {
      org.evshard.pipelines.curate.UidSubsetFile.write(s.subsetOut(),
          chosenRows.stream().map(SelectedRow::sampleId).toList());
    }
    List<WrittenShard> written = RunManifest.readReports(temp, SHARDS_PREFIX);
    Files.writeString(output.resolve(Manifest.ERRORS_FILE), "");
    OutputFolder.deleteTree(temp);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("method", s.method().cliName());
    parameters.putAll(s.parameters().toParameters());
    parameters.put("features", s.method().needsFeatures() ? s.features().toString() : null);
    if (s.embeddings() != null) {
      parameters.put("embeddings", s.embeddings().toAbsolutePath().normalize().toString());
    }
    parameters.put("grouping", s.grouping().toString());
    // where the scores were and what they held, so that a rerun from the manifest can find them and tell a change
    parameters.put("scores", s.scores() == null ? null : s.scores().toAbsolutePath().normalize().toString());
    if (s.scores() != null) {
      parameters.put("scores_sha256", org.evshard.io.shard.FileDigests.sha256(s.scores()));
    }
    parameters.put("max_group_bytes", s.maxGroupBytes());
    parameters.put("subset_out", s.subsetOut() == null ? null : s.subsetOut().toString());
    parameters.put("input_manifest", input.resolve(Manifest.FILE_NAME).toString());
    parameters.put("beam_args", s.beamArgs());
    Path selection = output.resolve(SELECTION_FILE);
    Map<String, Object> selectionEntry = new LinkedHashMap<>(); // verify checks it like a shard
    selectionEntry.put("path", SELECTION_FILE);
    selectionEntry.put("rows", chosenRows.size());
    selectionEntry.put("bytes", Files.size(selection));
    selectionEntry.put("sha256", org.evshard.io.shard.FileDigests.sha256(selection));
    parameters.put(org.evshard.io.shard.ManifestVerifier.SELECTION_FILE, selectionEntry);
    long selectedCount = chosenRows.size();
    RunManifest.write(output, in.dataset(), input.toString(), format, parameters, written, inputs,
        inputs - selectedCount, EvshardVersion.get());
    return new Result(OutputFolder.resultsOf(output).resolve(Manifest.FILE_NAME), inputs, selectedCount, written.size(),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * The metadata files of the {@code --embeddings} pool with their {@code .npz}, as absolute paths: the DataComp
   * layout ({@code metadata/*.parquet}); a metadata file without its {@code .npz} is refused by name.
   */
  static List<KV<String, String>> embeddingFiles(Path pool) throws IOException {
    List<KV<String, String>> files = new ArrayList<>();
    for (org.evshard.datasets.image.ImageSourceRef ref : new org.evshard.datasets.image.DataCompPool()
        .discover(pool, org.evshard.datasets.DiscoveryOptions.defaults()).sources()) {
      if (ref.kind() != org.evshard.datasets.image.ImageSourceRef.Kind.DATACOMP_METADATA) {
        continue;
      }
      String npz = ref.companions().get("npz");
      if (npz == null) {
        throw new IllegalArgumentException("--embeddings " + pool + ": " + ref.path() + " has no .npz of embeddings "
            + "beside it");
      }
      files.add(KV.of(pool.resolve(ref.path()).toAbsolutePath().toString(),
          pool.resolve(npz).toAbsolutePath().toString()));
    }
    return files;
  }

  private static List<SelectedRow> readSelection(Path temp) throws IOException {
    List<SelectedRow> rows = new ArrayList<>();
    for (String line : RunManifest.readLines(temp, SELECTED_PREFIX)) {
      rows.add(SelectedRow.fromLine(line));
    }
    rows.sort(Comparator.comparing(SelectedRow::group).thenComparingInt(SelectedRow::rank));
    return rows;
  }
}
