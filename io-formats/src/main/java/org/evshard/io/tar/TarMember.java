package org.evshard.io.tar;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One regular file of a webdataset sample: its path in the tar, its (lower-cased) extension, the byte offset of its
 * header in the tar stream (for error messages: in the decompressed stream when the shard is gzip-compressed) and its
 * bytes. Immutable: the bytes are handed out as copies or read-only views.
 */
public final class TarMember {

  private final String path;
  private final String extension;
  private final long headerOffset;
  private final byte[] data;

  /** Takes ownership of {@code data}: callers inside this package pass arrays nobody else holds. */
  TarMember(String path, String extension, long headerOffset, byte[] data) {
    this.path = Objects.requireNonNull(path);
    this.extension = Objects.requireNonNull(extension);
    this.headerOffset = headerOffset;
    this.data = Objects.requireNonNull(data);
  }

  /** The member's path as stored in the tar, e.g. {@code 00000/000000123.jpg}. */
  public String path() {
    return path;
  }

  /** The extension after the basename's first dot, lower-cased (webdataset's sample field name), e.g. {@code jpg}. */
  public String extension() {
    return extension;
  }

  /** Byte offset of this member's header (its first extended header, if any) in the tar stream. */
  public long headerOffset() {
    return headerOffset;
  }

  public int size() {
    return data.length;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return data.clone();
  }

  /** A read-only view of the bytes, without copying. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  @Override
  public String toString() {
    return "TarMember[" + path + ", " + data.length + " bytes at header offset " + headerOffset + "]";
  }
}
