package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.evshard.io.Fixtures;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evshard inspect} on the real recordings: header fields, geometry source, skipped records, triggers. */
class InspectFormatsTest {

  @TempDir
  Path dir;

  @Test
  void aedat4SampleShowsStreamsCompressionGeometryFromTheFileAndSkippedImuPackets() {
    Path f = Fixtures.file("fixtures/events/aedat4/sample.aedat4");
    CliOutput r = CliOutput.run("inspect", f.toString());
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("format:      aedat4 (detected)"), r.out);
    assertTrue(r.out.contains("header:"), r.out);
    assertTrue(r.out.contains("  compression: LZ4"), r.out);
    assertTrue(r.out.contains("  streams: "), r.out);
    assertTrue(r.out.contains("geometry:    320x240 (from the file)"), r.out);
    assertTrue(r.out.contains("events:      111954"), r.out);
    assertTrue(r.out.contains("skipped:     imus-packets 59"), r.out);
    assertTrue(r.out.contains("triggers:    "), r.out);
  }

  @Test
  void eventsOutsideTheGivenSensorAreFlagged() {
    Path f = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin");
    CliOutput small = CliOutput.run("inspect", f.toString(), "--sensor", "10x10");
    assertEquals(0, small.exitCode, small.err);
    assertTrue(small.out.contains("x range:     0 .. 33, y range: 0 .. 33  [events outside the 10x10 sensor"),
        small.out);
    CliOutput fits = CliOutput.run("inspect", f.toString(), "--sensor", "34x34");
    assertTrue(fits.out.contains("x range:     0 .. 33, y range: 0 .. 33\n"), fits.out);
    assertFalse(fits.out.contains("outside:"), fits.out);
  }

  /** Events whose x are all negative have no extent: inspect says so (it failed with a geometry of 0x1 before). */
  @Test
  void negativeCoordinatesAreFlaggedWithAndWithoutAGivenSensor() throws Exception {
    Path f = dir.resolve("negative.npy");
    org.evshard.io.npy.NpyEvents.write(f, org.evshard.io.events.Events.wrap(new short[] {-3, -2}, new short[] {2, 0},
        new long[] {0, 10}, new boolean[] {true, false}));
    CliOutput unknown = CliOutput.run("inspect", f.toString());
    assertEquals(0, unknown.exitCode, unknown.err);
    assertTrue(unknown.out.contains("geometry:    unknown (not stated; extent of the events)"), unknown.out);
    assertTrue(unknown.out.contains("polarity:    1 ON, 1 OFF (ON/OFF ratio 1.000)"), unknown.out);
    // the largest x is -2, not the -1 a streaming maximum started from
    assertTrue(unknown.out.contains("x range:     -3 .. -2, y range: 0 .. 2  [negative coordinates, which no sensor "
        + "holds"), unknown.out);
    Path onOnly = dir.resolve("on-only.npy");
    org.evshard.io.npy.NpyEvents.write(onOnly, org.evshard.io.events.Events.wrap(new short[] {1}, new short[] {1},
        new long[] {0}, new boolean[] {true}));
    CliOutput noOff = CliOutput.run("inspect", onOnly.toString());
    assertTrue(noOff.out.contains("polarity:    1 ON, 0 OFF (ON/OFF ratio none: no OFF event)"), noOff.out);
    CliOutput given = CliOutput.run("inspect", f.toString(), "--sensor", "10x10");
    assertEquals(0, given.exitCode, given.err);
    assertTrue(given.out.contains("[events outside the 10x10 sensor"), given.out);
    assertTrue(given.out.contains("outside:     first: event 0 (x=-3, y=2"), given.out);
  }

  @Test
  void theFirstEventOutsideTheSensorIsLocatedByIndexAndByteOffset() throws Exception {
    Path f = Files.write(dir.resolve("outside.bin"), outsideAfterAnOverflow());
    CliOutput r = CliOutput.run("inspect", f.toString(), "--sensor", "34x34");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("outside:     first: event 4 (x=40, y=3, t=8242 us), decoded from the bytes before "
        + "offset 30\n"), r.out);
    // chunks of 2 and 3 events: the locator skips whole chunks on its second pass, then reads one event at a time
    SensorGeometry g = new SensorGeometry(34, 34);
    for (int chunk : new int[] {1, 2, 3, 4096}) {
      ReadOptions o = ReadOptions.defaults().withSensor(g).withChunkSize(chunk);
      assertEquals(Optional.of(new FirstOutsideEvent(4, 40, 3, 8242, 30)),
          FirstOutsideEvent.find(f, "atis-bin", o, g), "chunk " + chunk);
      assertEquals(Optional.empty(), FirstOutsideEvent.find(f, "atis-bin", o, new SensorGeometry(64, 64)));
    }
  }

  /**
   * ATIS records (5 bytes) whose second is a time overflow, so byte offsets and event indices differ: event 4 (record
   * 5, bytes 25 to 29) is the first outside 34x34 (x=40), at t = 50 + 8192 us; event 5 is outside too.
   */
  private static byte[] outsideAfterAnOverflow() {
    int[][] records = {{1, 2, 10}, {3, 240, 0}, {4, 5, 20}, {6, 7, 30}, {8, 9, 40}, {40, 3, 50}, {50, 60, 60}};
    byte[] b = new byte[records.length * 5];
    for (int i = 0; i < records.length; i++) {
      int[] r = records[i];
      b[5 * i] = (byte) r[0];
      b[5 * i + 1] = (byte) r[1];
      b[5 * i + 3] = (byte) (r[2] >> 8);
      b[5 * i + 4] = (byte) r[2];
    }
    return b;
  }

  @Test
  void davisAedat2CountsApsImuRecords() {
    Path f = Fixtures.file("fixtures/events/aedat2/IMU_translBoxes.aedat");
    CliOutput r = CliOutput.run("inspect", f.toString(), "--format", "aedat2");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("format:      aedat2\n"), r.out);
    assertTrue(r.out.contains("events:      162771"), r.out);
    assertTrue(r.out.contains("aps-imu 33837"), r.out);
    assertTrue(r.out.contains("geometry:    240x180 (from the file)"), r.out);
  }

  @Test
  void geometrySourceSaysGivenWhenOnlySensorStatesIt() {
    Path f = Fixtures.file("fixtures/events/dat/sample_ncars.dat");
    CliOutput r = CliOutput.run("inspect", f.toString(), "--sensor", "120x100");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("geometry:    120x100 (given with --sensor)"), r.out);
    assertTrue(r.out.contains("events:      2009"), r.out);
    CliOutput none = CliOutput.run("inspect", f.toString());
    assertTrue(none.out.contains("(not stated; extent of the events)"), none.out);
  }

  @Test
  void everyFormatNameAndAutoAreAccepted() {
    Path f = Fixtures.file("fixtures/events/evt3_small/evt3_sample.raw");
    assertEquals(0, CliOutput.run("inspect", f.toString(), "--format", "auto").exitCode);
    assertEquals(0, CliOutput.run("inspect", f.toString(), "--format", "evt3").exitCode);
    CliOutput bad = CliOutput.run("inspect", f.toString(), "--format", "nosuch");
    assertEquals(2, bad.exitCode);
    assertTrue(bad.err.contains("unknown format 'nosuch'"), bad.err);
    assertFalse(bad.err.contains("<input>"), "a format name is not an input: " + bad.err);
    CliOutput help = CliOutput.run("inspect", "--help");
    for (String name : new String[] {"auto", "aedat2", "aedat31", "aedat4", "evt2", "evt21", "evt3", "dat", "hdf5",
        "text", "npy", "atis-bin"}) {
      assertTrue(help.out.contains(name), "help lists " + name + ": " + help.out);
    }
  }

  @Test
  void previewWithoutStatedGeometryUsesTheExtentInASecondPass() throws Exception {
    Path f = Fixtures.file("fixtures/events/dat/sample_ncars.dat");
    Path png = java.nio.file.Files.createTempFile("preview", ".png");
    try {
      // createTempFile made the file: replacing it takes --overwrite
      CliOutput r = CliOutput.run("inspect", f.toString(), "--preview", png.toString(), "--overwrite");
      assertEquals(0, r.exitCode, r.err);
      java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
      assertTrue(img.getWidth() >= 256, "scaled up");
    } finally {
      java.nio.file.Files.deleteIfExists(png);
    }
  }
}
