package org.evshard.io.aedat;

/** The {@code CompressionType} of an AEDAT 4.0 IOHeader: how every packet body of the file is compressed. */
public enum Aedat4Compression {
  NONE,
  /** One LZ4 frame per packet. */
  LZ4,
  /** One LZ4 frame per packet, made with LZ4's high-compression mode (same frame format as {@link #LZ4}). */
  LZ4_HIGH,
  /** One Zstandard frame per packet. */
  ZSTD,
  /** One Zstandard frame per packet at a high level. */
  ZSTD_HIGH;

  /** The value the IOHeader stores (the enum's ordinal in {@code io_header.fbs}). */
  public int code() {
    return ordinal();
  }

  /** The compression a stored code stands for, or null when the code is unknown. */
  static Aedat4Compression fromCode(int code) {
    Aedat4Compression[] all = values();
    return code >= 0 && code < all.length ? all[code] : null;
  }

  boolean isLz4() {
    return this == LZ4 || this == LZ4_HIGH;
  }

  boolean isZstd() {
    return this == ZSTD || this == ZSTD_HIGH;
  }
}
