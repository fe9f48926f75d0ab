package org.evshard.pipelines.convert;

import java.nio.file.Path;
import java.util.List;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.ShardFormat;

/**
 * Everything a conversion run is configured with.
 *
 * @param dataset dataset descriptor name, e.g. {@code nmnist}
 * @param input dataset root folder (or a folder holding the published archives)
 * @param output output folder: shards per split, {@code errors.jsonl}, {@code manifest.json}
 * @param shardFormat Parquet or Arrow IPC
 * @param shardsPerSplit shards per split; 0 chooses from the input size ({@link #targetShardBytes})
 * @param targetShardBytes input bytes aimed at per shard when {@code shardsPerSplit} is 0
 * @param read reader chunk size and limits, and the sensor geometry ({@code --sensor}) of recordings whose file states
 *     none and whose dataset names none (null: the extent of each sample's events)
 * @param discovery split fraction and other discovery options; null means the dataset's own defaults
 *     ({@code DiscoveryOptions.defaultsFor}, e.g. test fraction 0.1 for CIFAR10-DVS)
 * @param overwrite replace the results of an earlier run in {@code output}
 * @param progress draw a progress bar on stderr
 * @param beamArgs standard Beam options, e.g. {@code --runner=FlinkRunner}
 * @param transforms transform specs applied per sample, in order (empty: the decoded events are stored)
 * @param format event format registry name every recording is read with, or null for the dataset's own choice
 * @param pairing pairs every sample with a static image of its class (stored in the same row), or null
 */
public record ConvertSettings(String dataset, Path input, Path output, ShardFormat shardFormat, int shardsPerSplit,
    long targetShardBytes, ReadOptions read, DiscoveryOptions discovery, boolean overwrite, boolean progress,
    List<String> beamArgs, List<String> transforms, String format, PairingSettings pairing) {

  public ConvertSettings(String dataset, Path input, Path output, ShardFormat shardFormat, int shardsPerSplit,
      long targetShardBytes, ReadOptions read, DiscoveryOptions discovery, boolean overwrite, boolean progress,
      List<String> beamArgs, List<String> transforms, String format) {
    this(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read, discovery, overwrite, progress,
        beamArgs, transforms, format, null);
  }

  public ConvertSettings(String dataset, Path input, Path output, ShardFormat shardFormat, int shardsPerSplit,
      long targetShardBytes, ReadOptions read, DiscoveryOptions discovery, boolean overwrite, boolean progress,
      List<String> beamArgs, List<String> transforms) {
    this(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read, discovery, overwrite, progress,
        beamArgs, transforms, null);
  }

  public ConvertSettings(String dataset, Path input, Path output, ShardFormat shardFormat, int shardsPerSplit,
      long targetShardBytes, ReadOptions read, DiscoveryOptions discovery, boolean overwrite, boolean progress,
      List<String> beamArgs) {
    this(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read, discovery, overwrite, progress,
        beamArgs, List.of());
  }

  public static final long DEFAULT_TARGET_SHARD_BYTES = 256L << 20;

  public ConvertSettings {
    if (shardsPerSplit < 0) {
      throw new IllegalArgumentException("shards per split must not be negative, got " + shardsPerSplit);
    }
    if (targetShardBytes <= 0) {
      throw new IllegalArgumentException("target shard bytes must be positive, got " + targetShardBytes);
    }
    beamArgs = List.copyOf(beamArgs);
    transforms = List.copyOf(transforms == null ? List.of() : transforms);
  }

  public ConvertSettings withTransforms(List<String> specs) {
    return new ConvertSettings(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read,
        discovery, overwrite, progress, beamArgs, specs, format, pairing);
  }

  public static ConvertSettings of(String dataset, Path input, Path output) {
    return new ConvertSettings(dataset, input, output, ShardFormat.PARQUET, 0, DEFAULT_TARGET_SHARD_BYTES,
        ReadOptions.defaults(), null, false, false, List.of());
  }

  public ConvertSettings withShardFormat(ShardFormat f) {
    return new ConvertSettings(dataset, input, output, f, shardsPerSplit, targetShardBytes, read, discovery,
        overwrite, progress, beamArgs, transforms, format, pairing);
  }

  public ConvertSettings withOverwrite(boolean o) {
    return new ConvertSettings(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read,
        discovery, o, progress, beamArgs, transforms, format, pairing);
  }

  public ConvertSettings withShardsPerSplit(int n) {
    return new ConvertSettings(dataset, input, output, shardFormat, n, targetShardBytes, read, discovery, overwrite,
        progress, beamArgs, transforms, format, pairing);
  }

  public ConvertSettings withProgress(boolean p) {
    return new ConvertSettings(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read,
        discovery, overwrite, p, beamArgs, transforms, format, pairing);
  }

  public ConvertSettings withDiscovery(DiscoveryOptions d) {
    return new ConvertSettings(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read, d,
        overwrite, progress, beamArgs, transforms, format, pairing);
  }

  public ConvertSettings withBeamArgs(List<String> args) {
    return new ConvertSettings(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read,
        discovery, overwrite, progress, args, transforms, format, pairing);
  }

  /** Every recording read with this event format (registry name); null for the dataset's own choice. */
  public ConvertSettings withFormat(String formatName) {
    return new ConvertSettings(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read,
        discovery, overwrite, progress, beamArgs, transforms, formatName, pairing);
  }

  /**
   * Recordings whose file states no geometry and whose dataset names none are read on this sensor ({@code --sensor};
   * null: the extent of each sample's events).
   */
  public ConvertSettings withSensor(SensorGeometry sensor) {
    return new ConvertSettings(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes,
        read.withSensor(sensor), discovery, overwrite, progress, beamArgs, transforms, format, pairing);
  }

  /** Every sample paired with a static image of its class ({@link PairingSettings}); null for none. */
  public ConvertSettings withPairing(PairingSettings p) {
    return new ConvertSettings(dataset, input, output, shardFormat, shardsPerSplit, targetShardBytes, read,
        discovery, overwrite, progress, beamArgs, transforms, format, p);
  }
}
