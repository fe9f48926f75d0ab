package org.evshard.io.aedat;

/**
 * The guard against decompression bombs, shared by the AEDAT 4.0 reader and writer so that evshard never writes a
 * file it refuses to read: the packets of one file may decompress to more than {@link #MAX_RATIO} times their
 * compressed bytes only while they stay within {@link #FLOOR} bytes in all. dv's event packets compress 3-10 times; a
 * stuck pixel (millions of events at one place) compresses some 3,000 times with Zstd, and 4 M identical events some
 * 30,000 times (a 21.6 KB file decoded to 545 MB). LZ4's format cannot pass about 255 times.
 */
final class DecompressionRatio {

  static final int MAX_RATIO = 1000;
  /** Decompressed bytes a file's packets may reach at any ratio (64 MiB, one packet at the packet limit). */
  static final long FLOOR = 1L << 26;

  private long plain;
  private long compressed;

  /** Adds a packet; true when the packets so far decompress to more than allowed. */
  boolean add(long packetPlain, long packetCompressed) {
    plain += packetPlain;
    compressed += packetCompressed;
    return exceeded(plain, compressed);
  }

  /** Whether a packet of {@code packetPlain} bytes from {@code packetCompressed} would exceed, not added. */
  boolean wouldExceed(long packetPlain, long packetCompressed) {
    return exceeded(plain + packetPlain, compressed + packetCompressed);
  }

  long plain() {
    return plain;
  }

  long compressed() {
    return compressed;
  }

  private static boolean exceeded(long plain, long compressed) {
    return plain > FLOOR && plain > (long) MAX_RATIO * compressed;
  }
}
