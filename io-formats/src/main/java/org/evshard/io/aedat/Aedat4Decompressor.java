package org.evshard.io.aedat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;

/**
 * Turns one AEDAT 4.0 packet body into its FlatBuffer bytes, in a buffer reused across packets. LZ4 bodies are one
 * LZ4 frame, possibly of dependent blocks ({@link Lz4FrameDecoder}), Zstd bodies one Zstandard frame (zstd-jni). Whatever a codec
 * throws on bad input becomes a {@link CorruptInputException} at the packet's offset; the output never grows past
 * {@link #MAX_PLAIN_BYTES}.
 */
final class Aedat4Decompressor {

  /** Largest decompressed packet accepted (64 MiB, about 4 M events; dv writes far smaller packets). */
  static final int MAX_PLAIN_BYTES = 1 << 26;

  private final String source;
  private final DecompressionRatio ratio = new DecompressionRatio();
  private final Lz4FrameDecoder lz4;
  private byte[] out = new byte[1 << 16];
  private byte[] last = out;

  Aedat4Decompressor(String source) {
    this.source = source;
    this.lz4 = new Lz4FrameDecoder(source, MAX_PLAIN_BYTES);
  }

  /** The buffer the last {@link #decompress} filled. */
  byte[] buffer() {
    return last;
  }

  /** Decompresses {@code body[0, length)} into {@link #buffer()}; returns the decompressed length. */
  int decompress(Aedat4Compression c, byte[] body, int length, long where) {
    if (c.isLz4()) {
      int n = lz4.decode(body, length, where);
      last = lz4.buffer();
      return requireRatio(c, n, length, where);
    }
    last = out;
    try {
      if (c.isZstd()) {
        // one frame and nothing after it, as an LZ4 body: a second frame was dropped without a word
        long frame = Zstd.findFrameCompressedSize(body, 0, length);
        if (Zstd.isError(frame)) {
          throw new CorruptInputException(source, where, "Zstd packet body is not a whole frame: "
              + Zstd.getErrorName(frame));
        }
        if (frame != length) {
          throw new CorruptInputException(source, where, "Zstd frame of " + frame + " bytes followed by "
              + (length - frame) + " other bytes in the packet");
        }
        long size = Zstd.getFrameContentSize(body, 0, length);
        if (size >= 0) {
          // the frame states its size: check it, then decompress in one call
          if (size > MAX_PLAIN_BYTES) {
            throw new LimitExceededException(source, where, "decompressed packet size", size, MAX_PLAIN_BYTES);
          }
          if (ratio.wouldExceed(size, length)) {
            requireRatio(c, size, length, where); // refused before the work
          }
          ensure((int) size);
          last = out;
          long n = Zstd.decompressByteArray(out, 0, (int) size, body, 0, length);
          if (Zstd.isError(n) || n != size) {
            throw new CorruptInputException(source, where, "Zstd frame does not decode to its stated " + size
                + " bytes" + (Zstd.isError(n) ? ": " + Zstd.getErrorName(n) : ""));
          }
          return requireRatio(c, n, length, where);
        }
        int n = drain(new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(body, 0, length)), where);
        last = out;
        return requireRatio(c, n, length, where);
      }
      throw new IllegalArgumentException("not a compressed packet: " + c);
    } catch (IOException | RuntimeException e) {
      if (e instanceof EvshardIoException x) {
        throw x;
      }
      throw new CorruptInputException(source, where, c + " packet body does not decode: " + reason(e), e);
    }
  }

  /**
   * {@code plain}, unless the packets this decompressor has seen would then decompress past the limit of
   * {@link DecompressionRatio} (checked before the work where the size is stated).
   */
  private int requireRatio(Aedat4Compression c, long plain, int length, long where) {
    if (ratio.wouldExceed(plain, length)) {
      long total = ratio.plain() + plain;
      long from = ratio.compressed() + length;
      throw new CorruptInputException(source, where, "the packets up to this " + c + " packet body of " + length
          + " bytes decompress to " + total + " bytes from " + from + ", " + total / Math.max(1, from) + " times their "
          + "size; event packets compress far less (refused above " + DecompressionRatio.MAX_RATIO + " times past "
          + (DecompressionRatio.FLOOR >> 20) + " MiB: a decompression bomb?)");
    }
    ratio.add(plain, length);
    return (int) plain;
  }

  /**
   * The library's own words without Java class names: zstd-jni's messages read
   * {@code com.github.luben.zstd.ZstdIOException: Unknown frame descriptor}.
   */
  static String reason(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ", "");
  }

  private int drain(InputStream s, long where) throws IOException {
    int n = 0;
    try (s) {
      while (true) {
        if (n == out.length) {
          if (n >= MAX_PLAIN_BYTES) {
            throw new LimitExceededException(source, where, "decompressed packet size", n + 1L, MAX_PLAIN_BYTES);
          }
          out = Arrays.copyOf(out, Math.min(MAX_PLAIN_BYTES, n * 2));
        }
        int got = s.read(out, n, out.length - n);
        if (got < 0) {
          return n;
        }
        n += got;
      }
    }
  }

  private void ensure(int size) {
    if (out.length < size) {
      out = new byte[Math.max(size, Math.min(MAX_PLAIN_BYTES, out.length * 2))];
    }
  }
}
