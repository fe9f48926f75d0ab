package org.evshard.io.aedat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.evshard.io.error.EvshardIoException;

/**
 * Differential fuzzing of {@link Lz4FrameDecoder} against commons-compress, an independent LZ4 implementation.
 * {@code Aedat4ReaderFuzzTest} rarely gets a mutated AEDAT 4.0 file past its headers to a valid LZ4 frame; these go
 * straight to the decoder's copy paths, with an oracle for the bytes it returns, not only for what it throws.
 */
class Lz4FrameDecoderFuzzTest {

  private static final int MAX = 4 << 20;

  /** What commons-compress writes (any block size and flags, dependent blocks included) decodes to the input. */
  @FuzzTest
  void decodesWhatCommonsCompressWrites(FuzzedDataProvider d) {
    BlockSize size = BlockSize.values()[d.consumeInt(0, BlockSize.values().length - 1)];
    boolean dependent = d.consumeBoolean();
    boolean blockChecksum = d.consumeBoolean();
    boolean contentChecksum = d.consumeBoolean();
    int repeats = d.consumeInt(1, 8); // repeated input: matches that reach across block boundaries
    byte[] unit = d.consumeRemainingAsBytes();
    byte[] data = new byte[Math.min(unit.length * repeats, 1 << 20)];
    for (int i = 0; unit.length > 0 && i < data.length; i += unit.length) {
      System.arraycopy(unit, 0, data, i, Math.min(unit.length, data.length - i));
    }
    byte[] frame = Lz4Frames.compress(data, size, dependent, blockChecksum, contentChecksum);
    Lz4FrameDecoder decoder = new Lz4FrameDecoder("fuzz", MAX);
    int n = decoder.decode(frame, frame.length, 0);
    if (!Arrays.equals(data, Arrays.copyOf(decoder.buffer(), n))) {
      throw new AssertionError("decoded " + n + " bytes differ from the " + data.length + " compressed");
    }
  }

  /**
   * Any bytes as a frame: the decoder returns bytes or throws an {@link EvshardIoException}, and when
   * commons-compress also decodes the frame both give the same bytes (both verify the checksums; commons-compress
   * may still refuse a frame this decoder reads, e.g. reserved bits it checks differently, never with other output).
   */
  @FuzzTest
  void decodesAnyFrameAsCommonsCompressDoes(byte[] frame) {
    byte[] ours;
    try {
      Lz4FrameDecoder decoder = new Lz4FrameDecoder("fuzz", MAX);
      int n = decoder.decode(frame, frame.length, 0);
      ours = Arrays.copyOf(decoder.buffer(), n);
    } catch (EvshardIoException expected) {
      return; // a content error with source and offset is a valid outcome
    }
    byte[] reference = Lz4Frames.referenceDecode(frame, MAX);
    if (reference != null && !Arrays.equals(reference, ours)) {
      throw new AssertionError("decoded " + ours.length + " bytes, commons-compress " + reference.length
          + "; first difference at " + Arrays.mismatch(reference, ours));
    }
  }
}
