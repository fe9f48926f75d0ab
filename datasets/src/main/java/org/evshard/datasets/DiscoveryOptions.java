package org.evshard.datasets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to discover a dataset.
 *
 * @param testFraction share of each class that goes to {@code test} in datasets without an official split, 0..1
 * @param includeBackground whether a background / clutter class (N-Caltech101's {@code BACKGROUND_Google}) is a class
 * @param maxSamples at most this many samples, the first ones by sample id; 0 means all
 * @param listing the dataset's files as a list, matched instead of walking the input folder; null walks it
 */
public record DiscoveryOptions(double testFraction, boolean includeBackground, int maxSamples, FileListing listing) {

  public static final double DEFAULT_TEST_FRACTION = 0.2;

  public DiscoveryOptions {
    if (!(testFraction >= 0.0 && testFraction <= 1.0)) {
      throw new IllegalArgumentException("testFraction must be within 0..1, got " + testFraction);
    }
    if (maxSamples < 0) {
      throw new IllegalArgumentException("maxSamples must be >= 0 (0 = all), got " + maxSamples);
    }
  }

  /** Test fraction 0.2, no background class, all samples. */
  public static DiscoveryOptions defaults() {
    return new DiscoveryOptions(DEFAULT_TEST_FRACTION, false, 0, null);
  }

  /** The defaults with {@code dataset}'s own test fraction (e.g. 0.1 for CIFAR10-DVS). */
  public static DiscoveryOptions defaultsFor(DatasetDescriptor dataset) {
    return defaults().withTestFraction(dataset.defaultTestFraction());
  }

  public DiscoveryOptions withTestFraction(double fraction) {
    return new DiscoveryOptions(fraction, includeBackground, maxSamples, listing);
  }

  public DiscoveryOptions withIncludeBackground(boolean include) {
    return new DiscoveryOptions(testFraction, include, maxSamples, listing);
  }

  public DiscoveryOptions withMaxSamples(int max) {
    return new DiscoveryOptions(testFraction, includeBackground, max, listing);
  }

  /** Discover from {@code l} instead of walking the input folder (null walks it). */
  public DiscoveryOptions withListing(FileListing l) {
    return new DiscoveryOptions(testFraction, includeBackground, maxSamples, l);
  }

  /** The options as manifest parameters, in a fixed order. */
  public Map<String, Object> toParameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test_fraction", testFraction);
    m.put("include_background", includeBackground);
    m.put("max_samples", maxSamples);
    if (listing != null) {
      m.put("file_list", listing.toString());
    }
    return m;
  }
}
