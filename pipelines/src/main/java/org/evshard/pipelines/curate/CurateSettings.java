package org.evshard.pipelines.curate;

import java.nio.file.Path;
import java.util.List;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.tar.TarLimits;

/**
 * One {@code evshard curate} run.
 *
 * @param dataset image corpus name ({@code cifake}, {@code image-folder}, {@code webdataset}, ...)
 * @param input corpus root
 * @param output output folder
 * @param discovery split and sample options of discovery
 * @param filters DataComp filters in order ({@code basic}, {@code clip_score}, {@code image_based}); may be empty
 * @param clip the clip_score settings, or null without that filter
 * @param imageBased the image_based settings, or null without that filter
 * @param dedup {@code exact} and/or {@code phash}, in that order; may be empty
 * @param dedupThreshold Hamming distance of near duplicates (pHash), default 3
 * @param processing what is done to each image
 * @param tarLimits entry and sample size limits of tar shards
 * @param shardFormat Parquet or Arrow
 * @param shardsPerSplit shards per split; 0 chooses from the input bytes and {@code targetShardBytes}
 * @param targetShardBytes the shard size aimed at when choosing the count
 * @param subsetOut where to write the kept ids as DataComp's uid subset {@code .npy}, or null
 * @param webdataset whether every shard is also written as a webdataset tar beside it (resharding)
 */
public record CurateSettings(String dataset, Path input, Path output, DiscoveryOptions discovery,
    List<String> filters, ClipScoreSettings clip, ImageBasedSettings imageBased, List<String> dedup,
    int dedupThreshold, ImageProcessing processing, TarLimits tarLimits, ShardFormat shardFormat, int shardsPerSplit,
    long targetShardBytes, Path subsetOut, boolean webdataset, boolean overwrite, boolean progress,
    List<String> beamArgs) {

  public static final long DEFAULT_TARGET_SHARD_BYTES = 128L << 20;
  public static final List<String> FILTERS = List.of("basic", "clip_score", "image_based");
  public static final List<String> DEDUP = List.of("exact", "phash");

  public CurateSettings {
    filters = List.copyOf(filters);
    dedup = List.copyOf(dedup);
    beamArgs = List.copyOf(beamArgs);
    for (String f : filters) {
      if (!FILTERS.contains(f)) {
        throw new IllegalArgumentException("unknown filter '" + f + "'; one of " + FILTERS);
      }
    }
    for (String d : dedup) {
      if (!DEDUP.contains(d)) {
        throw new IllegalArgumentException("unknown deduplication '" + d + "'; one of " + DEDUP);
      }
    }
    if (filters.contains("image_based") != (imageBased != null)) {
      throw new IllegalArgumentException("image_based needs --centroids and --image-based-targets (and only then)");
    }
    if (filters.contains("clip_score") != (clip != null)) {
      throw new IllegalArgumentException("clip_score needs --threshold or --fraction (and only then)");
    }
    if (shardsPerSplit < 0 || targetShardBytes <= 0) {
      throw new IllegalArgumentException("shards per split must be >= 0 and the target shard size positive");
    }
  }

  /** Defaults: no filter, no deduplication, source bytes kept, Parquet, shard count from the input size. */
  public static CurateSettings of(String dataset, Path input, Path output) {
    return new CurateSettings(dataset, input, output, DiscoveryOptions.defaults(), List.of(), null, null, List.of(), 3,
        ImageProcessing.passThrough(), TarLimits.defaults(), ShardFormat.PARQUET, 0, DEFAULT_TARGET_SHARD_BYTES, null,
        false, false, false, List.of());
  }

  public CurateSettings withDedup(List<String> methods, int threshold) {
    return new CurateSettings(dataset, input, output, discovery, filters, clip, imageBased, methods, threshold,
        processing, tarLimits, shardFormat, shardsPerSplit, targetShardBytes, subsetOut, webdataset, overwrite,
        progress, beamArgs);
  }

  public CurateSettings withProcessing(ImageProcessing p) {
    return new CurateSettings(dataset, input, output, discovery, filters, clip, imageBased, dedup, dedupThreshold, p,
        tarLimits, shardFormat, shardsPerSplit, targetShardBytes, subsetOut, webdataset, overwrite, progress, beamArgs);
  }

  public CurateSettings withShards(ShardFormat format, int perSplit) {
    return new CurateSettings(dataset, input, output, discovery, filters, clip, imageBased, dedup, dedupThreshold,
        processing, tarLimits, format, perSplit, targetShardBytes, subsetOut, webdataset, overwrite, progress,
        beamArgs);
  }

  public CurateSettings withFilters(List<String> names, ClipScoreSettings clipScore, ImageBasedSettings imageBased) {
    return new CurateSettings(dataset, input, output, discovery, names, clipScore, imageBased, dedup, dedupThreshold,
        processing, tarLimits, shardFormat, shardsPerSplit, targetShardBytes, subsetOut, webdataset, overwrite,
        progress, beamArgs);
  }

  public CurateSettings withSubsetOut(Path file) {
    return new CurateSettings(dataset, input, output, discovery, filters, clip, imageBased, dedup, dedupThreshold,
        processing, tarLimits, shardFormat, shardsPerSplit, targetShardBytes, file, webdataset, overwrite, progress,
        beamArgs);
  }

  public CurateSettings withOverwrite(boolean v) {
    return new CurateSettings(dataset, input, output, discovery, filters, clip, imageBased, dedup, dedupThreshold,
        processing, tarLimits, shardFormat, shardsPerSplit, targetShardBytes, subsetOut, webdataset, v, progress,
        beamArgs);
  }

  public CurateSettings withWebdataset(boolean v) {
    return new CurateSettings(dataset, input, output, discovery, filters, clip, imageBased, dedup, dedupThreshold,
        processing, tarLimits, shardFormat, shardsPerSplit, targetShardBytes, subsetOut, v, overwrite, progress,
        beamArgs);
  }

  public CurateSettings withBeamArgs(List<String> args) {
    return new CurateSettings(dataset, input, output, discovery, filters, clip, imageBased, dedup, dedupThreshold,
        processing, tarLimits, shardFormat, shardsPerSplit, targetShardBytes, subsetOut, webdataset, overwrite,
        progress, args);
  }
}
