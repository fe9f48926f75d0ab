package org.evshard.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.evshard.io.events.Events;
import org.evshard.transforms.spec.ChainResult;
import org.evshard.transforms.spec.TransformChain;
import org.evshard.transforms.spec.TransformDef;
import org.evshard.transforms.spec.TransformRegistry;
import org.evshard.transforms.spec.TransformSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every kernel keeps, checked through the registry for every transform: the input columns are unchanged
 * after the call, and empty input and a single event give a sensible result without an exception.
 */
class KernelContractTest {

  private static final SensorSize SENSOR = new SensorSize(34, 34, 2);

  /** One spec per registered transform (several for the ones with variants). */
  static List<String> specs() {
    return List.of(
        "denoise(filter_time=5000)", "refractory_period(refractory_period=2000)", "decimate(n=3)",
        "drop_hot_pixels(hot_pixel_frequency=60)", "drop_pixels(coordinates=[(1, 2), (3, 4), (5, 5)])",
        "crop(x=4, y=5, width=20, height=10)", "center_crop(width=20, height=40)", "flip_lr", "flip_ud", "flip_lr(p=0.5, seed=3)",
        "flip_polarity", "downsample(spatial_factor=0.5, time_factor=0.001)",
        "downsample(target_size=(17, 10))", "merge_polarities", "time_align",
        "event_downsampling(target_size=(17, 10), dt=1, noise_threshold=1)",
        "event_downsampling(target_size=(9, 9), dt=2.5, noise_threshold=2, downsampling_method=differentiator, "
            + "differentiator_time_bins=3)",
        "time_skew(coefficient=0.9, offset=100)", "time_reversal", "time_reversal(flip_polarities=False)",
        "crop_time(min=10000, max=90000)", "crop_time(min=10000)",
        "spatial_jitter(var_x=2, var_y=1, sigma_xy=0.5, clip_outliers=True, seed=3)", "spatial_jitter(seed=4)",
        "time_jitter(std=500, sort_timestamps=True, seed=3)", "uniform_noise(n=100, seed=3)",
        "drop_event(p=0.3, seed=3)", "drop_event_by_time(duration_ratio=0.3, seed=3)",
        "drop_event_by_area(area_ratio=0.5, seed=3)", "random_crop(width=20, height=10, seed=3)",
        "event_drop(seed=3)", "event_drop(seed=4)", "random_drop_pixel(p=0.2, seed=3)",
        "slice_by_time(time_window=10000, overlap=2000, include_incomplete=True)",
        "slice_by_event_count(event_count=100, overlap=10, include_incomplete=True)",
        "slice_by_time_bins(bin_count=5, overlap=0.2)", "slice_by_event_bins(bin_count=5, overlap=0.2)",
        "frame(time_window=10000)", "frame(event_count=100, overlap=10, include_incomplete=True)",
        "frame(n_time_bins=5)", "frame(n_event_bins=5, overlap=0.1)", "frame(n_time_bins=5, split=spikingjelly)",
        "frame(n_event_bins=5, split=spikingjelly)", "image", "voxel_grid(n_time_bins=5)",
        "voxel_grid(n_time_bins=5, scaling=e2vid)", "timesurface(dt=10000, tau=5000)",
        "averaged_timesurface(cell_size=10, surface_size=5, time_window=5000, tau=1000)",
        "averaged_timesurface(decay=lin)", "bina_rep(n_frames=2, n_bits=4)",
        "point_cloud(window=20000, stride=10000, min_events=1, n_points=64, polarity=True, seed=3)",
        "point_cloud(window=50000, stride=25000, min_events=10, n_points=64, n_groups=8, k=4)",
        "spike_voxel(grid=(8, 8, 4), time_steps=4)", "spike_voxel(grid_size=0.1)");
  }

  @Test
  void everyRegisteredTransformHasAContractSpec() {
    Set<String> covered = new HashSet<>();
    for (String s : specs()) {
      covered.add(TransformSpec.parse(s).name());
    }
    for (String s : imageSpecs()) {
      covered.add(TransformSpec.parse(s).name());
    }
    for (TransformDef d : TransformRegistry.all()) {
      assertTrue(covered.contains(d.name()), d.name() + " has no contract spec");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void leavesItsInputUnchanged(String spec) {
    Events input = TestEvents.random(2000, SENSOR, 100_000, 7);
    Events before = TestEvents.copy(input);
    ChainResult r = TransformChain.parse(List.of(spec)).apply(input, SENSOR);
    assertNotNull(r);
    assertEquals(before, input, spec + " modified its input");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void acceptsEmptyInput(String spec) {
    ChainResult r = TransformChain.parse(List.of(spec)).apply(Events.empty(), SENSOR);
    switch (r.kind()) {
      case EVENTS -> assertTrue(r.events().isEmpty(), spec);
      case SLICES -> {
        for (int i = 0; i < r.slices().count(); i++) {
          assertEquals(r.slices().clampedStart(i), r.slices().clampedStop(i), spec);
        }
      }
      case TENSOR -> assertAllZero(r.tensor(), spec);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void acceptsASingleEvent(String spec) {
    Events one = TestEvents.single(12, 9, 50_000, true);
    Events before = TestEvents.copy(one);
    ChainResult r = TransformChain.parse(List.of(spec)).apply(one, SENSOR);
    assertEquals(before, one);
    switch (r.kind()) {
      case EVENTS -> assertTrue(r.events().size() <= 1 + 100, spec); // uniform_noise adds its n events
      case SLICES -> assertTrue(r.slices().count() >= 1, spec);
      case TENSOR -> {
        for (long d : r.tensor().shape()) {
          assertTrue(d >= 0, spec);
        }
        if (r.tensor().type() == Tensor.ElementType.FLOAT64) {
          for (double v : r.tensor().doubles()) {
            assertFalse(Double.isNaN(v), spec + " gave NaN on one event");
          }
        }
      }
    }
  }

  /** One spec per image coding (chains that start from a still image). */
  static List<String> imageSpecs() {
    return List.of("rate_code(T=8, max_rate=0.5, seed=3)", "latency_code(T=8, tau=2, threshold=0.1)",
        "saccade(seed=3)", "saccade(seed=3, noise_rate=5, threshold=0.1, refractory_period=500)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("imageSpecs")
  void imageCodingLeavesTheImageUnchangedAndTakesNoEvents(String spec) {
    float[] img = new float[12 * 9];
    for (int i = 0; i < img.length; i++) {
      img[i] = (i * 37 % 101) / 100f;
    }
    float[] before = img.clone();
    TransformChain chain = TransformChain.parse(List.of(spec, "frame(n_time_bins=2)"));
    ChainResult r = chain.applyToImage(img, 12, 9, 0);
    assertEquals(List.of(2L, 2L, 9L, 12L), java.util.Arrays.stream(r.tensor().shape()).boxed().toList(), spec);
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, img, spec + " modified its image");
    assertTrue(r.sensor().width() == 12 && r.sensor().height() == 9, spec);
    org.junit.jupiter.api.Assertions.assertThrows(TransformException.class,
        () -> chain.apply(TestEvents.single(1, 1, 1, true), SENSOR), spec + " on events");
    org.junit.jupiter.api.Assertions.assertThrows(TransformException.class,
        () -> TransformChain.parse(List.of("flip_lr", spec)), spec + " after an event step");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("imageSpecs")
  void imageCodingOfOnePixelAndOfABlackImage(String spec) {
    TransformChain chain = TransformChain.parse(List.of(spec));
    Events one = chain.applyToImage(new float[] {1f}, 1, 1, 0).events();
    for (int i = 0; i < one.size(); i++) {
      assertTrue(one.x()[i] == 0 && one.y()[i] == 0, spec);
    }
    if (!spec.contains("noise_rate")) {
      assertTrue(chain.applyToImage(new float[64], 8, 8, 0).events().isEmpty(), spec + " fired on black");
    }
  }

  @Test
  void imageCodingRejectsBadParameters() {
    for (String bad : List.of("rate_code", "rate_code(T=0)", "rate_code(T=4, max_rate=1.5)", "rate_code(T=4, dt=0)",
        "latency_code(T=4, threshold=1)", "latency_code(T=4, tau=0)", "saccade(threshold=0)",
        "saccade(noise_rate=-1)", "saccade(refractory_period=-5)")) {
      org.junit.jupiter.api.Assertions.assertThrows(TransformException.class,
          () -> TransformChain.parse(List.of(bad)), bad);
    }
  }

  private static void assertAllZero(Tensor t, String spec) {
    switch (t.type()) {
      case INT16 -> {
        for (short v : t.shorts()) {
          assertEquals(0, v, spec);
        }
      }
      case INT64 -> {
        for (long v : t.longs()) {
          assertEquals(0, v, spec);
        }
      }
      case FLOAT32 -> {
        for (float v : t.floats()) {
          assertEquals(0f, v, spec);
        }
      }
      case FLOAT64 -> {
        for (double v : t.doubles()) {
          assertEquals(0.0, v, spec);
        }
      }
    }
  }
}
