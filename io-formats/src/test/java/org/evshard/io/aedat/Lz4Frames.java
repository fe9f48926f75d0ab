package org.evshard.io.aedat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.compressors.lz4.BlockLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.Parameters;

/**
 * LZ4 frames made and read by commons-compress, an LZ4 implementation independent of {@link Lz4FrameDecoder}: the
 * reference the decoder's tests compare with.
 */
final class Lz4Frames {

  private Lz4Frames() {}

  /**
   * {@code data} as one frame of commons-compress: blocks of {@code blockSize}, dependent (matches reach into earlier
   * blocks, as dv writes them) or not, with or without block and content checksums.
   */
  static byte[] compress(byte[] data, BlockSize blockSize, boolean dependent, boolean blockChecksum,
      boolean contentChecksum) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // tuned for speed: the default search makes commons-compress take seconds for 40 KB of event structs
    Parameters parameters = new Parameters(blockSize, contentChecksum, blockChecksum, dependent,
        BlockLZ4CompressorOutputStream.createParameterBuilder().tunedForSpeed().build());
    try (FramedLZ4CompressorOutputStream out = new FramedLZ4CompressorOutputStream(bytes, parameters)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** commons-compress's decoding of one frame (its checksums verified), or null when it refuses the bytes. */
  static byte[] referenceDecode(byte[] frame, int maxBytes) {
    try (FramedLZ4CompressorInputStream in = new FramedLZ4CompressorInputStream(new ByteArrayInputStream(frame))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > maxBytes) {
          return null;
        }
      }
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      return null; // malformed for commons-compress too
    }
  }
}
