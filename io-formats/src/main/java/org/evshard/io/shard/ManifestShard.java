package org.evshard.io.shard;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.evshard.io.error.ShardException;

/**
 * One shard as the manifest lists it.
 *
 * @param path path relative to the output directory, with '/' separators
 * @param split the split all rows of the shard belong to
 * @param rows number of rows (as the footer says)
 * @param bytes file size
 * @param sha256 SHA-256 of the file, lower-case hex
 */
@JsonPropertyOrder({"path", "split", "rows", "bytes", "sha256"})
public record ManifestShard(
    @JsonProperty("path") String path,
    @JsonProperty("split") String split,
    @JsonProperty("rows") long rows,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("sha256") String sha256) {

  public ManifestShard {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(sha256, "sha256");
  }

  /**
   * Why this entry cannot name a shard of the manifest's folder, or null: the path must be relative, with '/'
   * separators and no empty, {@code .} or {@code ..} part, and the split one such part, so that neither reaches
   * outside the folder (a manifest from elsewhere could otherwise point a reader at any file, and the commands that
   * write {@code <output>/<split>/...} outside their output).
   */
  public String problem() {
    if (path.isEmpty() || path.startsWith("/") || !plainParts(path)) {
      return "path '" + path + "' is not a relative path below the manifest's folder ('/' separators, no empty, '.' "
          + "or '..' part)";
    }
    if (split.isEmpty() || split.contains("/") || !plainParts(split)) {
      return "split '" + split + "' of " + path + " is not a plain folder name";
    }
    return null;
  }

  private static boolean plainParts(String p) {
    for (String part : p.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Describes a finished shard file below {@code outputDir}: rows from its footer, size, SHA-256. */
  public static ManifestShard of(Path outputDir, Path shard, String split) {
    Path relative = outputDir.toAbsolutePath().normalize().relativize(shard.toAbsolutePath().normalize());
    if (relative.startsWith("..")) {
      throw new ShardException(shard.toString(), "shard lies outside the output directory " + outputDir);
    }
    String path = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    try {
      return new ManifestShard(path, split, ShardFormat.ofFile(shard).rowCount(shard), Files.size(shard),
          FileDigests.sha256(shard));
    } catch (IOException e) {
      throw new ShardException(shard.toString(), "cannot read size: " + e.getMessage(), e);
    }
  }
}
