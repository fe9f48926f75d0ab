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
}
