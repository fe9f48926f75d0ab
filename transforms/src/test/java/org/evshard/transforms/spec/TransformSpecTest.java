package org.evshard.transforms.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransformSpecTest {

  @Test
  void parsesEveryValueKind() {
    TransformSpec s = TransformSpec.parse(
        " drop_pixels ( coordinates = [(1, 2), (3,4)], a=-3, b=1.5e3, c=True, d=false, e=None, f=e2vid, g='q', h=(1,) )");
    assertEquals("drop_pixels", s.name());
    assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L)), s.args().get("coordinates"));
    assertEquals(-3L, s.args().get("a"));
    assertEquals(1500.0, s.args().get("b"));
    assertEquals(Boolean.TRUE, s.args().get("c"));
    assertEquals(Boolean.FALSE, s.args().get("d"));
    assertTrue(s.args().containsKey("e") && s.args().get("e") == null);
    assertEquals("e2vid", s.args().get("f"));
    assertEquals("q", s.args().get("g"));
    assertEquals(List.of(1L), s.args().get("h"));
  }

  @Test
  void aBareNameOrEmptyParenthesesHasNoArguments() {
    assertTrue(TransformSpec.parse("flip_lr").args().isEmpty());
    assertTrue(TransformSpec.parse("flip_lr()").args().isEmpty());
  }

  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        Arguments.of("", "empty spec"),
        Arguments.of("denoise(filter_time=)", "expected a value"),
        Arguments.of("denoise(filter_time=10", "missing ')'"),
        Arguments.of("denoise(10000)", "expected a parameter name"),
        Arguments.of("denoise(filter_time 10)", "expected '='"),
        Arguments.of("denoise(filter_time=1, filter_time=2)", "given twice"),
        Arguments.of("denoise(filter_time=1) x", "unexpected text"),
        Arguments.of("drop_pixels(coordinates=[(1,2)", "missing ']'"),
        Arguments.of("denoise(filter_time=1e)", "is not a number"),
        Arguments.of("denoise(filter_time=99999999999999999999)", "64-bit"),
        Arguments.of("crop(x='1)", "unterminated string"),
        // a fuzz finding: None inside a tuple escaped as a NullPointerException from List.copyOf
        Arguments.of("spike_voxel(grid=(60, 45, None))", "at column 27: None is not allowed inside a tuple or list"),
        Arguments.of("drop_pixels(coordinates=[None])", "None is not allowed inside a tuple or list"),
        // ten thousand '(' overflowed the parser's stack: a StackOverflowError
        Arguments.of("frame(n_time_bins=" + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ")",
            "at column 35: tuples and lists nested more than 16 deep"),
        Arguments.of("drop_pixels(coordinates=" + "[(".repeat(9) + "]", "nested more than 16 deep"));
  }

  @Test
  void sixteenLevelsOfNestingAreSyntax() {
    Object v = TransformSpec.parse("frame(n_time_bins=" + "[".repeat(16) + "1" + "]".repeat(16) + ")").args()
        .get("n_time_bins");
    for (int level = 0; level < 16; level++) {
      assertInstanceOf(List.class, v);
      v = ((List<?>) v).get(0);
    }
    assertEquals(1L, v);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @MethodSource("syntaxErrors")
  void reportsSyntaxErrorsWithTheColumn(String spec, String message) {
    SpecSyntaxException e = assertThrows(SpecSyntaxException.class, () -> TransformSpec.parse(spec));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("column"), e.getMessage());
  }

  @Test
  void unknownTransformSuggestsNearNames() {
    UnknownTransformException e = assertThrows(UnknownTransformException.class,
        () -> TransformChain.parse("denoize(filter_time=1)"));
    assertTrue(e.getMessage().contains("did you mean denoise?"), e.getMessage());
    e = assertThrows(UnknownTransformException.class, () -> TransformChain.parse("voxelgrid(n_time_bins=3)"));
    assertTrue(e.getMessage().contains("voxel_grid"), e.getMessage());
    e = assertThrows(UnknownTransformException.class, () -> TransformChain.parse("to_frame(n_time_bins=3)"));
    assertTrue(e.getMessage().contains("frame"), e.getMessage());
    e = assertThrows(UnknownTransformException.class, () -> TransformChain.parse("qqq"));
    assertTrue(e.getMessage().startsWith("unknown transform 'qqq'. Known transforms: denoise, "), e.getMessage());
  }

  static Stream<Arguments> parameterErrors() {
    return Stream.of(
        Arguments.of("denoise(filter_tim=1)", UnknownParameterException.class, "did you mean filter_time?"),
        Arguments.of("denoise()", MissingParameterException.class, "missing parameter 'filter_time'"),
        Arguments.of("frame(overlap=0.1)", MissingParameterException.class, "exactly one of"),
        Arguments.of("frame(n_time_bins=3, event_count=4)", InvalidParameterException.class, "exactly one of"),
        Arguments.of("denoise(filter_time=fast)", InvalidParameterException.class, "filter_time must be a number"),
        Arguments.of("decimate(n=2.5)", InvalidParameterException.class, "n must be an integer, got 2.5"),
        Arguments.of("frame(n_time_bins=3, include_incomplete=1)", InvalidParameterException.class, "True or False"),
        Arguments.of("voxel_grid(n_time_bins=3, scaling=e2v)", InvalidParameterException.class, "one of tonic, e2vid"),
        Arguments.of("drop_pixels(coordinates=[(1, 2, 3)])", InvalidParameterException.class, "(x, y) integer pairs"),
        Arguments.of("frame(time_window=100, overlap=2.5)", InvalidParameterException.class, "an integer"),
        Arguments.of("frame(n_time_bins=3, split=spikingjelly, overlap=0.1)", InvalidParameterException.class,
            "no overlap"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parameterErrors")
  void reportsParameterErrors(String spec, Class<? extends Throwable> type, String message) {
    Throwable e = assertThrows(type, () -> TransformChain.parse(spec));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  /** Invalid values are rejected when the spec is parsed, each with the transform and parameter in the message. */
  static Stream<Arguments> invalidValues() {
    return Stream.of(
        Arguments.of("denoise(filter_time=-1)", "denoise: filter_time must be a finite number >= 0, got -1.0"),
        Arguments.of("refractory_period(refractory_period=-5)", "refractory_period: refractory_period must be"),
        Arguments.of("decimate(n=0)", "decimate: n must be an integer > 0, got 0"),
        Arguments.of("drop_hot_pixels(hot_pixel_frequency=-1)", "hot_pixel_frequency must be"),
        Arguments.of("drop_pixels(coordinates=[(-1, 2)])", "coordinates must be"),
        Arguments.of("crop(x=0, y=0, width=0, height=3)", "crop: width must be an integer > 0"),
        Arguments.of("crop(x=-1, y=0, width=2, height=3)", "crop: x must be an integer >= 0"),
        Arguments.of("center_crop(width=3, height=-3)", "center_crop: height must be"),
        Arguments.of("downsample(spatial_factor=0)", "downsample: spatial_factor must be a finite number > 0"),
        Arguments.of("crop_time(min=10, max=5)", "crop_time: max must be >= min"),
        Arguments.of("spatial_jitter(var_x=1, var_y=1, sigma_xy=2)", "positive semi-definite"),
        Arguments.of("spatial_jitter(var_x=-1)", "spatial_jitter: var_x must be"),
        Arguments.of("time_jitter(std=-1)", "time_jitter: std must be"),
        Arguments.of("event_downsampling(target_size=(8, 8), dt=0.002, noise_threshold=1, "
            + "downsampling_method=differentiator, differentiator_time_bins=1000)",
            "event_downsampling: windows of 0.002 us (dt * 1000 / differentiator_time_bins) are shorter than the "
                + "timestamps' 1 us: give dt >= 1.0 ms"),
        Arguments.of("event_downsampling(target_size=(8, 8), dt=0.0005, noise_threshold=1)",
            "event_downsampling: windows of 0.5 us (dt * 1000) are shorter than the timestamps' 1 us"),
        Arguments.of("uniform_noise(n=-1)", "uniform_noise: n must be an integer >= 0"),
        Arguments.of("drop_event(p=1.5)", "drop_event: p must be in [0.0, 1.0]"),
        Arguments.of("drop_event_by_time(duration_ratio=1)", "duration_ratio must be in [0.0, 1.0)"),
        Arguments.of("drop_event_by_area(area_ratio=-0.1)", "area_ratio must be in [0.0, 1.0)"),
        Arguments.of("slice_by_time(time_window=0)", "slice_by_time: time_window must be an integer > 0"),
        Arguments.of("slice_by_time(time_window=10, overlap=10)", "overlap must be smaller than time_window"),
        Arguments.of("slice_by_event_count(event_count=10, overlap=12)", "overlap must be smaller than event_count"),
        Arguments.of("slice_by_time_bins(bin_count=0)", "bin_count must be an integer > 0"),
        Arguments.of("slice_by_event_bins(bin_count=3, overlap=1.0)", "overlap must be in [0.0, 1.0)"),
        Arguments.of("frame(time_window=-5)", "frame: time_window must be an integer > 0, got -5"),
        Arguments.of("frame(n_time_bins=-1)", "frame: n_time_bins must be an integer > 0, got -1"),
        Arguments.of("frame(n_event_bins=0)", "frame: n_event_bins must be an integer > 0, got 0"),
        Arguments.of("frame(event_count=0)", "frame: event_count must be an integer > 0, got 0"),
        Arguments.of("frame(n_event_bins=4, overlap=-0.5)", "frame: overlap must be in [0.0, 1.0)"),
        // named by the representation's own parameters, not by the slicer it delegates to (slice_by_time_bins,
        // time_window)
        Arguments.of("frame(n_time_bins=3, overlap=1.0)", "frame: overlap must be in [0.0, 1.0), got 1.0"),
        Arguments.of("frame(time_window=10, overlap=10)", "frame: overlap must be in [0, time_window) with "
            + "time_window=10, got 10"),
        Arguments.of("frame(n_time_bins=2147483648)", "frame: n_time_bins must be at most 16777216, got 2147483648"),
        Arguments.of("timesurface(dt=100, tau=10, overlap=100)", "timesurface: overlap must be in [0, dt) with dt=100, "
            + "got 100"),
        Arguments.of("voxel_grid(n_time_bins=0)", "voxel_grid: n_time_bins must be an integer > 0"),
        Arguments.of("timesurface(dt=100, tau=0)", "timesurface: tau must be a finite number > 0"),
        Arguments.of("timesurface(dt=0, tau=10)", "timesurface: dt must be an integer > 0"),
        Arguments.of("averaged_timesurface(surface_size=4)", "surface_size must be odd and <= cell_size"),
        Arguments.of("averaged_timesurface(cell_size=3, surface_size=5)", "surface_size must be odd and <= cell_size"),
        Arguments.of("bina_rep(n_bits=1)", "bina_rep: n_bits must be in 2..24, got 1"),
        Arguments.of("bina_rep(n_frames=0)", "bina_rep: n_frames must be an integer > 0"),
        // a fuzz finding: validated on an empty recording, this allocated 1.8 G slice bounds and ran out of memory
        Arguments.of("frame(n_event_bins=894664419)", "frame: n_event_bins must be at most 16777216, got 894664419"),
        Arguments.of("slice_by_time_bins(bin_count=16777217)", "slices, more than 16777216"),
        // n_frames * n_bits overflowed into a negative frame count in the message
        Arguments.of("bina_rep(n_frames=9223372036854775807)", "bina_rep: n_frames must be at most 16777216"),
        // named by the spec's parameters (the message named SaccadeParams' fields noiseRate, refractoryMicros)
        Arguments.of("saccade(noise_rate=-1)", "saccade: noise_rate must be a finite number >= 0, got -1.0"),
        Arguments.of("saccade(refractory_period=-5)", "saccade: refractory_period must be an integer >= 0, got -5"),
        Arguments.of("saccade(threshold=0)", "saccade: threshold must be a finite number > 0, got 0.0"),
        // the output sensor is checked when the spec is parsed and named by its transform, not clamped to 2^31 - 1
        Arguments.of("crop(x=0, y=0, width=1099511627776, height=3)",
            "crop: the output sensor would be 1099511627776x3 pixels; each side must be 1..32768"),
        Arguments.of("center_crop(width=3, height=32769)", "center_crop: the output sensor would be 3x32769"),
        Arguments.of("random_crop(width=40000, height=1)", "random_crop: the output sensor would be 40000x1"),
        Arguments.of("downsample(target_size=(2, 9223372036854775807))",
            "downsample: the output sensor would be 2x9223372036854775807 pixels"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void rejectsInvalidValuesAtParseTime(String spec, String message) {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> TransformChain.parse(spec));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertInstanceOf(IllegalArgumentException.class, e);
    assertInstanceOf(TransformException.class, e);
  }

  @Test
  void chainsFiltersThenOneRepresentationThenTensorOps() {
    SensorSize sensor = new SensorSize(34, 34, 2);
    Events e = TestEvents.random(1000, sensor, 100_000, 1);
    ChainResult r = TransformChain.parse(List.of("time_align", "center_crop(width=20, height=20)",
        "merge_polarities", "frame(n_time_bins=8)", "bina_rep(n_frames=2, n_bits=4)")).apply(e, sensor);
    assertEquals(TransformDef.Output.TENSOR, r.kind());
    assertEquals(List.of(2L, 1L, 20L, 20L), List.of(r.tensor().shape()[0], r.tensor().shape()[1],
        r.tensor().shape()[2], r.tensor().shape()[3]));
    assertEquals(new SensorSize(20, 20, 1), r.sensor());
    // bina_rep straight on events builds the n_frames * n_bits frames first
    ChainResult direct = TransformChain.parse("bina_rep(n_frames=2, n_bits=4)").apply(e, sensor);
    assertEquals(List.of(2L, 2L, 34L, 34L), List.of(direct.tensor().shape()[0], direct.tensor().shape()[1],
        direct.tensor().shape()[2], direct.tensor().shape()[3]));
  }

  /**
   * Tonic's Compose([MergePolarities(), ToVoxelGrid(...)]) counts every merged (OFF) event -1. The chain counted +1
   * (its sensor becomes P = 1), the same merged events read back under P = 2 counted -1: opposite signs.
   */
  @Test
  void mergedPolaritiesGiveOneVoxelGridInTheChainAndReadBack() {
    SensorSize sensor = new SensorSize(34, 34, 2);
    Events e = TestEvents.random(500, sensor, 100_000, 4);
    double[] chain = TransformChain.parse(List.of("merge_polarities", "voxel_grid(n_time_bins=2)"))
        .apply(e, sensor).tensor().doubles();
    Events merged = TransformChain.parse("merge_polarities").apply(e, sensor).events();
    for (SensorSize s : List.of(sensor, new SensorSize(34, 34, 1))) {
      double[] readBack = TransformChain.parse("voxel_grid(n_time_bins=2)").apply(merged, s).tensor().doubles();
      org.junit.jupiter.api.Assertions.assertArrayEquals(chain, readBack, 0.0, "read back on " + s);
    }
    double sum = 0;
    for (double v : chain) {
      assertTrue(v <= 0, "a merged event counted " + v);
      sum += v;
    }
    assertTrue(sum < -300, "sum " + sum); // 500 events: all of bin 0's weight, (1 - dt) of the last bin's
  }

  /** 4 unsorted events gave an all-zero frame, time_skew(coefficient=-1) then frame counted 0 of 4,325: no word. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"frame(n_time_bins=2)", "frame(time_window=50)",
      "voxel_grid(n_time_bins=2)", "timesurface(dt=50, tau=10)", "slice_by_time(time_window=50)",
      "slice_by_time_bins(bin_count=2)", "bina_rep(n_frames=1, n_bits=2)", "point_cloud(window=50, stride=50, "
      + "min_events=1, n_points=2)", "averaged_timesurface(cell_size=2, surface_size=1, time_window=50, tau=10)"})
  void aStepThatBinsByTimeRefusesEventsOutOfTimeOrder(String spec) {
    SensorSize sensor = new SensorSize(4, 4, 2);
    Events unsorted = Events.wrap(new short[] {0, 1, 2, 3}, new short[] {0, 1, 2, 3}, new long[] {100, 50, 200, 10},
        new boolean[] {true, false, true, false});
    TransformChain chain = TransformChain.parse(spec);
    TransformException e = assertThrows(TransformException.class, () -> chain.apply(unsorted, sensor));
    assertTrue(e.getMessage().startsWith(TransformSpec.parse(spec).name() + ": needs time-ordered events, as Tonic "
        + "assumes: event 1 at t = 50 comes after t = 100"), e.getMessage());
    Events sorted = Events.wrap(new short[] {1, 0, 2, 3}, new short[] {1, 0, 2, 3}, new long[] {50, 100, 200, 210},
        new boolean[] {false, true, true, false});
    chain.apply(sorted, sensor); // fine
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"frame(event_count=2)", "frame(n_event_bins=2)",
      "slice_by_event_count(event_count=2)", "spike_voxel(grid_size=0.5)", "image"})
  void aStepThatCountsEventsTakesThemInAnyOrder(String spec) {
    Events unsorted = Events.wrap(new short[] {0, 1, 2, 3}, new short[] {0, 1, 2, 3}, new long[] {100, 50, 200, 10},
        new boolean[] {true, false, true, false});
    TransformChain.parse(spec).apply(unsorted, new SensorSize(4, 4, 2));
  }

  /** Tonic's own spellings got "unknown parameter" and no pointer (no edit distance finds delta). */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "refractory_period(delta=1000) | Tonic's RefractoryPeriod(delta) is refractory_period(refractory_period=...)",
      "drop_pixels(hot_pixel_frequency=60) | drop_hot_pixels(hot_pixel_frequency=...); drop_pixels takes coordinates",
      "frame(spike_count=500) | ToFrame's spike_count is event_count here",
      "center_crop(size=20) | CenterCrop(size) is center_crop(width=..., height=...)",
      "random_crop(target_size=(20, 20)) | RandomCrop(target_size) is random_crop(width=..., height=...)"})
  void tonicsSpellingsPointToEvshards(String spec, String pointer) {
    UnknownParameterException e = assertThrows(UnknownParameterException.class, () -> TransformChain.parse(spec));
    assertTrue(e.getMessage().contains("unknown parameter") && e.getMessage().contains(pointer), e.getMessage());
  }

  @Test
  void rejectsStepsAfterASlicerOrRepresentation() {
    TransformException e = assertThrows(TransformException.class,
        () -> TransformChain.parse("frame(n_time_bins=3)", "denoise(filter_time=10)"));
    assertTrue(e.getMessage().contains("cannot follow"), e.getMessage());
    e = assertThrows(TransformException.class,
        () -> TransformChain.parse("slice_by_time(time_window=10)", "bina_rep"));
    assertTrue(e.getMessage().contains("follows the slicer"), e.getMessage());
  }

  @Test
  void kernelsThatNeedTheSensorSayso() {
    TransformChain c = TransformChain.parse("flip_lr");
    Events e = TestEvents.single(1, 1, 1, true);
    TransformException ex = assertThrows(TransformException.class, () -> c.apply(e, null));
    assertTrue(ex.getMessage().contains("flip_lr: needs the sensor size"), ex.getMessage());
  }

  @Test
  void eventsOutsideTheSensorAreAnError() {
    Events e = TestEvents.single(40, 1, 1, true);
    TransformException ex = assertThrows(TransformException.class,
        () -> TransformChain.parse("frame(n_event_bins=1)").apply(e, new SensorSize(34, 34, 2)));
    assertTrue(ex.getMessage().contains("outside the sensor 34x34"), ex.getMessage());
  }
}
