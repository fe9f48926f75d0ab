package org.evshard.pipelines.convert;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How {@code convert --pair-with} pairs every event sample with a static image of its class (the Transfer-for-DVS
 * recipe, see {@code docs/POINTS.md#paired-static-and-event-samples}).
 *
 * @param staticDataset image corpus descriptor of the static images ({@code image-folder} reads Caltech101 as
 *     published), see {@code evshard datasets}
 * @param staticInput its root folder
 * @param fraction share of each static class the partners are drawn from, in (0, 1]
 * @param seed seed of the pool and of each sample's choice
 * @param width width the static image is scaled to (aspect ratio not kept)
 * @param height height the static image is scaled to
 * @param valueChannel store only the HSV value channel ({@code H x W x 1}) instead of RGB
 * @param labelMap event class name to static class name; classes not in it keep their name
 */
public record PairingSettings(String staticDataset, Path staticInput, double fraction, long seed, int width,
    int height, boolean valueChannel, Map<String, String> labelMap) implements Serializable {

  public PairingSettings {
    if (staticDataset == null || staticInput == null) {
      throw new IllegalArgumentException("pairing needs a static corpus name and folder");
    }
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("--pair-fraction must be in (0, 1], got " + fraction);
    }
    if (width <= 0 || height <= 0 || (long) width * height > 1 << 24) {
      throw new IllegalArgumentException("--pair-size must be positive and at most 2^24 pixels, got " + width + "x"
          + height);
    }
    labelMap = new TreeMap<>(labelMap == null ? Map.of() : labelMap);
  }

  /** Caltech101-style defaults: whole classes, seed 0, 64 x 64 RGB, labels by name. */
  public static PairingSettings of(String staticDataset, Path staticInput) {
    return new PairingSettings(staticDataset, staticInput, 1.0, 0, 64, 64, false, Map.of());
  }

  public PairingSettings withFraction(double f) {
    return new PairingSettings(staticDataset, staticInput, f, seed, width, height, valueChannel, labelMap);
  }

  public PairingSettings withSeed(long s) {
    return new PairingSettings(staticDataset, staticInput, fraction, s, width, height, valueChannel, labelMap);
  }

  public PairingSettings withSize(int w, int h) {
    return new PairingSettings(staticDataset, staticInput, fraction, seed, w, h, valueChannel, labelMap);
  }

  public PairingSettings withValueChannel(boolean v) {
    return new PairingSettings(staticDataset, staticInput, fraction, seed, width, height, v, labelMap);
  }

  public PairingSettings withLabelMap(Map<String, String> m) {
    return new PairingSettings(staticDataset, staticInput, fraction, seed, width, height, valueChannel, m);
  }
}
