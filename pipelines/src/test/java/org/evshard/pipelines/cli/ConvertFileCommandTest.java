package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code evshard convert-file IN OUT}: every writer, chained from real recordings, read back exactly. */
class ConvertFileCommandTest {

  @TempDir
  Path tmp;

  private static Events read(Path file, String format) throws Exception {
    try (EventReader r = EventFormats.defaults().open(file, format, ReadOptions.defaults())) {
      return r.readAll(ReadOptions.defaults());
    }
  }

  private static Optional<SensorGeometry> geometry(Path file) throws Exception {
    try (EventReader r = EventFormats.defaults().open(file, null, ReadOptions.defaults())) {
      return r.geometry();
    }
  }

  @ParameterizedTest(name = "evt3 fixture -> aedat4 --codec {0} -> evt3")
  @ValueSource(strings = {"lz4", "zstd", "none"})
  void evt3ToAedat4EveryCodecAndBackIsExact(String codec) throws Exception {
    Path in = Fixtures.file("fixtures/events/evt3_small/evt3_sample.raw");
    Events reference = NpyEvents.read(Fixtures.file("fixtures/events/evt3_small/evt3_sample.raw.ref.npy"));
    Path a4 = tmp.resolve("x.aedat4");
    CliOutput r = CliOutput.run("convert-file", in.toString(), a4.toString(), "--codec", codec, "--sensor",
        "1280x720");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("converted 5000 events (evt3 -> aedat4 " + codec + ")"), r.out);
    assertEquals(reference, read(a4, null));
    assertEquals(Optional.of(new SensorGeometry(1280, 720)), geometry(a4));
    Path back = tmp.resolve("back.raw");
    assertEquals(0, CliOutput.run("convert-file", a4.toString(), back.toString()).exitCode);
    assertEquals(reference, read(back, "evt3"));
    assertEquals(Optional.of(new SensorGeometry(1280, 720)), geometry(back));
  }

  @Test
  void aedat4FixtureToEvt3DatNpyAndBackIsExactOnceShiftedToStartAtZero() throws Exception {
    Path in = Fixtures.file("fixtures/events/aedat4/sample.aedat4");
    Events reference = NpyEvents.read(Fixtures.file("fixtures/events/aedat4/sample.aedat4.ref.npy"));
    // the camera stamps Unix microseconds (1.6e15): EVT 3.0 would need 96 M TIME_HIGH words (191 MB) to get there
    Path raw = tmp.resolve("a.raw");
    CliOutput refused = CliOutput.run("convert-file", in.toString(), raw.toString());
    assertEquals(2, refused.exitCode);
    assertTrue(refused.err.contains("EVT 3.0 needs 95720861 TIME_HIGH words (191 MB)"), refused.err);
    assertTrue(refused.err.contains("--time-shift first"), refused.err);
    assertFalse(Files.exists(raw), "no partial output");
    // DAT stores 32-bit timestamps: the unshifted times do not fit, and the writer says so
    CliOutput dat = CliOutput.run("convert-file", in.toString(), tmp.resolve("a.dat").toString());
    assertEquals(2, dat.exitCode);
    assertTrue(dat.err.startsWith("evshard convert-file: " + in + ": event 0: ") && dat.err.strip().endsWith(
        "(cannot be written as dat)"), "names the input and the target format: " + dat.err);
    assertFalse(Files.exists(tmp.resolve("a.dat")), "no partial output");
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "temporary file left");
    }
    long t0 = reference.t()[0];
    long[] shifted = reference.t().clone();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] -= t0;
    }
    Events expected = Events.wrap(reference.x(), reference.y(), shifted, reference.p());
    CliOutput ok = CliOutput.run("convert-file", in.toString(), raw.toString(), "--time-shift", "first");
    assertEquals(0, ok.exitCode, ok.err);
    assertTrue(ok.out.contains("timestamps shifted by -" + t0 + " us"), ok.out);
    assertEquals(expected, read(raw, "evt3"));
    Path npy = tmp.resolve("a.npy");
    assertEquals(0, CliOutput.run("convert-file", raw.toString(), npy.toString()).exitCode);
    assertEquals(expected, NpyEvents.read(npy));
    Path shiftedDat = tmp.resolve("b.dat");
    assertEquals(0, CliOutput.run("convert-file", in.toString(), shiftedDat.toString(), "--time-shift", "first")
        .exitCode);
    assertEquals(expected, read(shiftedDat, "dat"));
  }

  @Test
  void theOutputHasThePermissionsOfAPlainNewFile() throws Exception {
    Path in = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin");
    Path out = tmp.resolve("x.dat");
    assertEquals(0, CliOutput.run("convert-file", in.toString(), out.toString()).exitCode);
    assertEquals(org.evshard.io.file.PlainPermissions.in(tmp), Files.getPosixFilePermissions(out),
        "not createTempFile's rw-------");
  }

  @Test
  void nmnistToDatAndAtisBinAndBackIsExact() throws Exception {
    Path in = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin");
    Events reference = NpyEvents.read(Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin.ref.npy"));
    Path dat = tmp.resolve("n.dat");
    assertEquals(0, CliOutput.run("convert-file", in.toString(), dat.toString(), "--sensor", "34x34").exitCode);
    assertEquals(reference, read(dat, null));
    assertEquals(Optional.of(new SensorGeometry(34, 34)), geometry(dat));
    Path bin = tmp.resolve("n2.out");
    assertEquals(0, CliOutput.run("convert-file", dat.toString(), bin.toString(), "--to", "atis-bin").exitCode);
    assertEquals(reference, read(bin, "atis-bin"));
  }

  /** No events to ATIS .bin: refused (its 0-byte file is an empty file to every reader), no output left behind. */
  @Test
  void anEmptyRecordingIsNotWrittenAsAZeroByteAtisBinFile() throws Exception {
    Path empty = tmp.resolve("empty.npy");
    NpyEvents.write(empty, Events.wrap(new short[0], new short[0], new long[0], new boolean[0]));
    Path bin = tmp.resolve("empty.bin");
    CliOutput r = CliOutput.run("convert-file", empty.toString(), bin.toString());
    assertEquals(2, r.exitCode, r.out + r.err);
    assertTrue(r.err.contains("no event to write"), r.err);
    assertFalse(Files.exists(bin), "no output");
    assertEquals(0, CliOutput.run("convert-file", empty.toString(), tmp.resolve("empty.raw").toString()).exitCode,
        "formats that hold an empty recording still write it");
  }

  @Test
  void aTargetWithoutWriterIsAClearError() throws Exception {
    Path in = Fixtures.file("fixtures/events/evt3_small/evt3_sample.raw");
    CliOutput r = CliOutput.run("convert-file", in.toString(), tmp.resolve("o.raw").toString(), "--to", "evt2");
    assertEquals(2, r.exitCode);
    assertTrue(r.err.contains("evshard cannot write evt2 files; formats it writes: "), r.err);
    CliOutput bogus = CliOutput.run("convert-file", in.toString(), tmp.resolve("o.raw").toString(), "--to", "bogus");
    assertEquals(2, bogus.exitCode);
    assertEquals("evshard convert-file: --to 'bogus' is not a format evshard writes; it writes: npy, atis-bin, aedat4, "
        + "evt3, dat\n", bogus.err, "the writers, not every reader");
    for (String w : new String[] {"npy", "atis-bin", "aedat4", "evt3", "dat"}) {
      assertTrue(r.err.contains(w), r.err);
    }
    CliOutput aedat2 = CliOutput.run("convert-file", in.toString(), tmp.resolve("o.aedat").toString());
    assertEquals(2, aedat2.exitCode);
    assertTrue(aedat2.err.contains("cannot write aedat2"), aedat2.err);
    CliOutput unknown = CliOutput.run("convert-file", in.toString(), tmp.resolve("o.xyz").toString());
    assertEquals(2, unknown.exitCode);
    assertTrue(unknown.err.contains("pass --to FORMAT"), unknown.err);
    CliOutput codec = CliOutput.run("convert-file", in.toString(), tmp.resolve("o.dat").toString(), "--codec", "lz4");
    assertEquals(2, codec.exitCode);
    assertTrue(codec.err.contains("--codec applies to aedat4"), codec.err);
    try (var files = Files.list(tmp)) {
      assertEquals(0, files.count(), "nothing written on errors");
    }
  }

  @Test
  void anExistingOutputIsKeptUnlessOverwriting() throws Exception {
    Path in = Fixtures.file("fixtures/events/evt3_small/evt3_sample.raw");
    Path out = Files.writeString(tmp.resolve("o.npy"), "keep");
    assertEquals(2, CliOutput.run("convert-file", in.toString(), out.toString()).exitCode);
    assertEquals("keep", Files.readString(out));
    assertEquals(0, CliOutput.run("convert-file", in.toString(), out.toString(), "--overwrite").exitCode);
    assertEquals(5000, NpyEvents.read(out).size());
  }
}
