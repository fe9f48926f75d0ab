package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.evshard.datasets.DatasetDescriptor;
import org.evshard.datasets.Datasets;
import org.evshard.datasets.Discovery;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.datasets.SampleRef;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.image.ImageLimits;
import org.evshard.io.shard.ShardWriteOptions;
import org.evshard.pipelines.EvshardVersion;
import org.evshard.pipelines.runner.BeamOptions;
import org.evshard.pipelines.runner.LiveCount;
import org.evshard.pipelines.runner.PipelineRun;

/**
 * A whole conversion: guard the output folder, discover the samples, run the Beam pipeline (decode, write shards per
 * split and {@code errors.jsonl}), then write {@code manifest.json} last, after checking that every discovered sample
 * was either written or rejected.
 */
public final class ConvertJob {

  /** Entries that are not samples, listed by name in the manifest's {@code ignored} parameter (the rest counted). */
  static final int IGNORED_LISTED = 20;

  private ConvertJob() {}

  private static long lap(Map<String, Double> phases, String name, long since) {
    long now = System.nanoTime();
    phases.put(name, (now - since) / 1e9);
    return now;
  }

  public static ConvertResult run(ConvertSettings s) throws IOException {
    return run(s, SampleDecoder.SLICE_HELD_EVENTS);
  }

  /**
   * With another limit for the recordings held to be sliced in memory: a longer one, with a chain that starts with its
   * slicer, is sliced while streamed (tests force that path on small files with it).
   */
  static ConvertResult run(ConvertSettings s, int sliceHeldEvents) throws IOException {
    long start = System.nanoTime();
    DatasetDescriptor dataset = Datasets.byName(s.dataset());
    // invalid specs fail here, before the output folder is touched or anything is read
    SampleTransform transform = s.transforms().isEmpty() ? null : SampleTransform.parse(s.transforms());
    Path input = s.input().toAbsolutePath().normalize();
    Path output = s.output().toAbsolutePath().normalize();
    OutputFolder.requireOutside(input, output);
    // an unknown format name fails here, before the output folder is touched
    String formatName = s.format() == null ? null : EventFormats.defaults().byName(s.format()).name();
    OutputFolder.check(output, s.overwrite()); // refused early; created only once the plan stands
    Map<String, Double> phases = new java.util.LinkedHashMap<>();
    long mark = System.nanoTime();
    DiscoveryOptions options = s.discovery() != null ? s.discovery() : DiscoveryOptions.defaultsFor(dataset);
    Discovery discovery = dataset.discover(input, options);
    List<SampleRef> refs = discovery.samples();
    if (formatName != null) {
      refs = refs.stream().map(r -> r.withFormat(formatName)).toList();
    }
    refs = ListingStamps.stamp(input, refs); // a file changed after this is rejected when read
    mark = lap(phases, "discover", mark);
    PipelineOptions beamOptions = BeamOptions.forRun(s.beamArgs());
    Map<String, Integer> shards = s.shardsPerSplit() > 0 ? null
        : ShardCount.choose(input, refs, s.targetShardBytes());
    List<ShardTask> plan = shards == null ? ShardPlan.assign(refs, s.shardsPerSplit())
        : ShardPlan.assign(refs, split -> shards.getOrDefault(split, 1));
    ShardWriteOptions writeOptions = ShardWriteOptions.defaults(EvshardVersion.get());
    if (transform != null) {
      SensorGeometry sensor = commonSensor(refs, s.read().sensor());
      writeOptions = writeOptions.withLayout(transform.layout(sensor), transform.specs());
      long sizedByExtent = s.read().sensor() != null ? 0 : refs.stream().filter(r -> r.sensor() == null
          && r.format() != null && !EventFormats.defaults().byName(r.format()).statesGeometry()).count();
      if (sizedByExtent > 0) { // a flip mirrored x = 0 to 10 in one sample and to 30 in the next, without a word
        System.err.println("note: " + sizedByExtent + " of " + refs.size() + " recordings are in a format that states "
            + "no sensor size and --sensor is not given: each is sized by the extent of its own events, so the "
            + "chain's flips, crops and tensor shapes differ from sample to sample; give --sensor WxH");
      }
    }
    StaticImageLoader partners = null;
    Map<String, Object> pairingReport = null;
    if (s.pairing() != null) {
      PairingPlan pairing = PairingPlan.of(s.pairing(), refs, options.includeBackground());
      plan = pairing.attach(plan);
      partners = new StaticImageLoader(pairing.root(), s.pairing(), ImageLimits.defaults());
      writeOptions = writeOptions.withLayout(writeOptions.layout().withStaticPartner(true), writeOptions.transforms());
      pairingReport = pairing.report();
    }
    if (SampleMetadata.anyIn(refs)) {
      writeOptions = writeOptions.withLayout(writeOptions.layout().withSampleMetadata(true), writeOptions.transforms());
    }
    // a layout error, a bad Beam option or a missing pairing folder leaves no empty output folder behind
    boolean madeByTheRun = !java.nio.file.Files.exists(output);
    OutputFolder.prepare(output, s.overwrite());
    try {
      mark = lap(phases, "plan", mark);
      if (s.progress()) { // what the seconds before the bar were spent on
        System.err.printf("convert %s: %,d samples listed (%.1f s), %,d shard task%s planned (%.1f s)%n",
            s.dataset(), refs.size(), phases.get("discover"), plan.size(), plan.size() == 1 ? "" : "s",
            phases.get("plan"));
      }

      Pipeline p = Pipeline.create(beamOptions);
      // the workers of the DirectRunner and of an embedded Flink or Spark decode in this JVM at once, one shard task
      // each (so no more of them than tasks); a remote cluster's workers each have their own heap
      SampleDecoder decoder = new SampleDecoder(input.toString(), s.read(), SampleDecoder.RECORDING_CACHE_EVENTS,
          sliceHeldEvents).heapSharedBy(BeamOptions.heapSharers(s.beamArgs(), beamOptions, plan.size()));
      LiveCount live = LiveCount.create();
      p.apply("Convert", new ConvertSamples(plan, output.toString(), s.shardFormat(), writeOptions, decoder, transform,
          partners).countingTo(live));
      PipelineResult result = PipelineRun.runToEnd(p, "convert " + s.dataset(), refs.size(), s.progress(), live,
          WriteShardFn.class, WriteShardFn.DECODED_COUNTER, WriteShardFn.REJECTED_COUNTER);
      // errors.jsonl: the inputs discovery rejected (a recording without its labels, two recordings sharing an id),
      // then what each shard task rejected
      List<SampleError> discoveryErrors = discovery.rejected().stream()
          .map(r -> new SampleError(r.sampleId(), r.source(), "discover", r.reason(), -1)).toList();
      ErrorParts.join(output, discoveryErrors);
      OutputFolder.deleteTree(output.resolve(ConvertSamples.TEMP_DIR));
      mark = lap(phases, "pipeline", mark);
      if (s.progress()) {
        System.err.println("convert " + s.dataset() + ": checking and hashing the shards for manifest.json");
      }

      Map<String, Object> parameters = new java.util.LinkedHashMap<>(discovery.parameters());
      if (options.listing() != null) {
        parameters.put("file_list", options.listing().toString());
      }
      // the shards written: a split never gets more shards than recordings (the plan caps the count it was given)
      Map<String, Integer> written = new java.util.TreeMap<>();
      plan.forEach(task -> written.merge(task.samples().get(0).split(), 1, Integer::sum));
      parameters.put("shards_per_split", written);
      if (s.format() != null) {
        parameters.put("format", formatName);
      }
      if (s.read().sensor() != null) {
        parameters.put("sensor", s.read().sensor().toString());
      }
      if (!discovery.ignored().isEmpty()) { // what discovery saw and skipped, so that nothing vanishes unreported
        Map<String, Object> ignored = new java.util.LinkedHashMap<>();
        ignored.put("count", discovery.ignored().size());
        ignored.put("first", discovery.ignored().subList(0, Math.min(IGNORED_LISTED, discovery.ignored().size())));
        parameters.put("ignored", ignored);
      }
      Map<String, Object> assumed = assumedEncodings(
          PipelineRun.counters(result, SampleDecoder.class, SampleDecoder.ASSUMED_COUNTER_PREFIX));
      if (!assumed.isEmpty()) { // recordings read in a format their header did not state, so that it is not silent
        parameters.put("encoding_assumed", assumed);
      }
      parameters.put("chunk_size", s.read().chunkSize());
      parameters.put("max_events", s.read().maxEvents());
      parameters.put("beam_args", s.beamArgs());
      if (pairingReport != null) {
        parameters.put("pairing", pairingReport);
      }
      if (transform != null) {
        parameters.put("transforms", transform.specs());
        parameters.put("layout", writeOptions.layout().toString());
      }
      long inputs = refs.size() + discoveryErrors.size();
      ManifestAssembler.Outcome outcome = ManifestAssembler.assemble(output, dataset.name(), input.toString(),
          s.shardFormat(), parameters, inputs, EvshardVersion.get());
      lap(phases, "manifest", mark);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new ConvertResult(output, outcome.manifestPath(), inputs, outcome.written(), outcome.rejected(),
          outcome.rows(), outcome.shards(), seconds, phases);
    } catch (IOException | RuntimeException | Error e) { // the earlier results back, no partial output left
      OutputFolder.afterFailure(output, madeByTheRun, e);
      throw e;
    }
  }

  /**
   * The decoders' {@code encoding_assumed:FORMAT:EXT} counters as the manifest records them: per extension, how many
   * recordings stated no encoding, the format they were read as, and the others sharing the extension
   * ({@code {".raw": {"count": 12, "read_as": "evt3", "others": ["evt2", "evt21"]}}}).
   */
  static Map<String, Object> assumedEncodings(Map<String, Long> counters) {
    Map<String, Object> byExtension = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Long> c : counters.entrySet()) {
      String[] parts = c.getKey().substring(SampleDecoder.ASSUMED_COUNTER_PREFIX.length()).split(":", 2);
      String format = parts[0];
      String extension = parts.length > 1 ? parts[1] : "";
      List<String> others = EventFormats.defaults().namesWithExtension(extension).stream()
          .filter(name -> !name.equals(format)).toList();
      Map<String, Object> entry = new java.util.LinkedHashMap<>();
      entry.put("count", c.getValue());
      entry.put("read_as", format);
      entry.put("others", others);
      byExtension.put(extension, entry);
    }
    return byExtension;
  }

  /** The sensor every sample shares, or null when some differ or are unknown until decoded. */
  /**
   * The sensor every sample will have, or null when samples may differ: a recording's own (the dataset's), else the
   * {@code --sensor} fallback when its format never states a geometry (ATIS {@code .bin}, NPY), so that a folder of
   * such files converted with {@code --sensor} gets a fixed tensor shape.
   */
  static SensorGeometry commonSensor(List<SampleRef> refs, SensorGeometry given) {
    SensorGeometry common = null;
    for (SampleRef r : refs) {
      SensorGeometry g = r.sensor();
      if (g == null && given != null && r.format() != null
          && !EventFormats.defaults().byName(r.format()).statesGeometry()) {
        g = given;
      }
      if (g == null || (common != null && !common.equals(g))) {
        return null;
      }
      common = g;
    }
    return common;
  }

}
