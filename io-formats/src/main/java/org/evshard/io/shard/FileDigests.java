package org.evshard.io.shard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.evshard.io.error.ShardException;

/** Streaming file digests. */
public final class FileDigests {

  private static final int BUFFER = 1 << 20;

  private FileDigests() {
  }

  /** The SHA-256 of the file's bytes as 64 lower-case hex digits, read in 1 MiB chunks. */
  public static String sha256(Path file) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new ShardException(file.toString(), "cannot read for SHA-256: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
