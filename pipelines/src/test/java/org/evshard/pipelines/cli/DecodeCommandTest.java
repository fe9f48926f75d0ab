package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.npy.NpyEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {

  @TempDir
  Path tmp;

  @Test
  void decodingTheNmnistSampleGivesTheReferenceDecodeExactly() throws Exception {
    Path bin = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin");
    Path reference = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin.ref.npy");
    Path out = tmp.resolve("x.npy");
    assertEquals(0, EvshardCli.execute("decode", bin.toString(), "-o", out.toString()));
    Events expected = NpyEvents.read(reference);
    Events actual = NpyEvents.read(out);
    assertEquals(expected.size(), actual.size());
    assertEquals(expected, actual);
    // the same dtype and header as numpy's own file: byte for byte
    assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(out));
  }

  @Test
  void anUnreadableFileIsAnErrorExitNamingIt() throws Exception {
    Path empty = Files.createFile(tmp.resolve("empty.bin"));
    assertEquals(2, EvshardCli.execute("decode", empty.toString(), "-o", tmp.resolve("y.npy").toString()));
  }

  @Test
  void anEmptyFileIsAnEmptyRecordingWhateverItsExtension() throws Exception {
    for (String name : new String[] {"empty.bin", "empty.raw", "empty.aedat4", "empty.npy", "empty.txt"}) {
      Path empty = Files.createFile(tmp.resolve(name));
      CliOutput r = CliOutput.run("decode", empty.toString(), "-o", tmp.resolve("y.npy").toString());
      assertEquals(2, r.exitCode);
      assertEquals("evshard decode: " + empty + " at byte 0 (0x0): empty recording: 0 bytes", r.err.strip());
    }
  }

  /** Events outside the sensor were written without a word (convert rejects such a sample, frames fail on it). */
  @Test
  void eventsOutsideTheSensorAreWrittenWithAWarning() throws Exception {
    Path bin = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin");
    Events all = NpyEvents.read(Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin.ref.npy"));
    int first = -1;
    long outside = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.x()[i] >= 20 || all.y()[i] >= 10) {
        first = first < 0 ? i : first;
        outside++;
      }
    }
    Path out = tmp.resolve("small.npy");
    CliOutput small = CliOutput.run("decode", bin.toString(), "--sensor", "20x10", "-o", out.toString());
    assertEquals(0, small.exitCode, small.err);
    assertEquals(all, NpyEvents.read(out), "written as read");
    org.junit.jupiter.api.Assertions.assertTrue(small.err.contains("evshard decode: warning: " + outside + " of the "
        + all.size() + " events lie outside the 20x10 sensor (first: event " + first + " at x=" + all.x()[first]
        + ", y=" + all.y()[first] + ")"), small.err);
    CliOutput fits = CliOutput.run("decode", bin.toString(), "--sensor", "34x34", "-o", tmp.resolve("fits.npy")
        .toString());
    assertEquals(0, fits.exitCode, fits.err);
    assertEquals("", fits.err.strip());
  }
}
