package org.evshard.io.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import org.evshard.io.error.CorruptInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ZipMemberCheckTest {

  private static final byte[] DATA = new byte[20_000];

  static {
    for (int i = 0; i < DATA.length; i++) {
      DATA[i] = (byte) (i * 31 + 7);
    }
  }

  /** The ways readers consume a stream: bulk reads, single bytes, skips, reading exactly the recorded size. */
  enum Reading {
    READ_ALL, BYTE_BY_BYTE, SKIP_THEN_READ, EXACT_SIZE;

    byte[] consume(InputStream in, int size) throws IOException {
      switch (this) {
        case READ_ALL:
          return in.readAllBytes();
        case BYTE_BY_BYTE: {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
          }
          return out.toByteArray();
        }
        case SKIP_THEN_READ: {
          long skipped = in.skip(1000);
          byte[] rest = in.readAllBytes();
          byte[] all = new byte[(int) skipped + rest.length];
          System.arraycopy(DATA, 0, all, 0, (int) Math.min(skipped, DATA.length));
          System.arraycopy(rest, 0, all, (int) skipped, rest.length);
          return all;
        }
        default:
          return in.readNBytes(size); // never sees the end of the stream
      }
    }
  }

  private static long crcOf(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b);
    return crc.getValue();
  }

  private static ZipMemberCheck check(byte[] bytes, long size, long crc) {
    return new ZipMemberCheck(new ByteArrayInputStream(bytes), "a.zip!/m.bin", size, crc);
  }

  @ParameterizedTest
  @EnumSource(Reading.class)
  void intactBytesPassWhateverTheReading(Reading reading) throws IOException {
    try (InputStream in = check(DATA, DATA.length, crcOf(DATA))) {
      assertArrayEquals(DATA, reading.consume(in, DATA.length));
    }
    try (InputStream in = check(DATA, -1, -1)) {
      assertArrayEquals(DATA, reading.consume(in, DATA.length));
    }
  }

  @ParameterizedTest
  @EnumSource(Reading.class)
  void aFlippedBitFailsTheCrcWhateverTheReading(Reading reading) throws IOException {
    byte[] damaged = DATA.clone();
    damaged[12_345] ^= 0x10;
    try (InputStream in = check(damaged, DATA.length, crcOf(DATA))) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> reading.consume(in, DATA.length));
      assertEquals("a.zip!/m.bin", e.source());
      assertTrue(e.getMessage().contains(String.format("%08x", crcOf(DATA))), e.getMessage());
      assertTrue(e.getMessage().contains(String.format("%08x", crcOf(damaged))), e.getMessage());
      assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Reading.class, names = {"READ_ALL", "BYTE_BY_BYTE", "SKIP_THEN_READ"})
  void moreOrFewerBytesThanRecordedFail(Reading reading) throws IOException {
    byte[] shorter = java.util.Arrays.copyOf(DATA, DATA.length - 5);
    try (InputStream in = check(shorter, DATA.length, crcOf(DATA))) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> reading.consume(in, DATA.length));
      assertEquals(shorter.length, e.offset());
      assertTrue(e.getMessage().contains("ends after " + shorter.length + " bytes"), e.getMessage());
    }
    byte[] longer = java.util.Arrays.copyOf(DATA, DATA.length + 5);
    try (InputStream in = check(longer, DATA.length, crcOf(DATA))) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> reading.consume(in, DATA.length));
      assertEquals(DATA.length, e.offset());
      assertTrue(e.getMessage().contains("more bytes than the " + DATA.length), e.getMessage());
    }
  }
}
