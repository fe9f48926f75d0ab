package org.evshard.io.shard;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.evshard.io.error.EvshardIoException;

/**
 * `evshard verify` on any bytes as {@code manifest.json} (a hand-edited or truncated manifest): reading and checking
 * it against its directory either lists problems or throws an {@link EvshardIoException}; nothing else escapes.
 * Seed: a two-shard manifest of a convert run ({@code ManifestVerifierFuzzTestInputs/verifiesAnyBytesAsAManifest}).
 */
class ManifestVerifierFuzzTest {

  @FuzzTest
  void verifiesAnyBytesAsAManifest(byte[] input) throws IOException {
    Path dir = Files.createTempDirectory("fuzz-manifest");
    try {
      Path manifest = dir.resolve(Manifest.FILE_NAME);
      Files.write(manifest, input);
      try {
        ManifestVerifier.verify(manifest);
      } catch (EvshardIoException expected) {
        // content error
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
