package org.evshard.io.aedat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.error.Wording;

/**
 * The start of an AEDAT 4.0 file: the {@code #!AER-DAT4.0\r\n} version line, an int32 length and the IOHeader
 * FlatBuffer ({@code compression}, {@code dataTablePosition}, {@code infoNode}).
 *
 * @param compression how every packet body is compressed
 * @param dataTablePosition file offset of the trailing data table, or -1 when the file has none
 * @param infoNode the XML describing the streams
 * @param streams the streams infoNode declares
 * @param length bytes from the start of the file to the first packet
 */
record Aedat4Header(Aedat4Compression compression, long dataTablePosition, String infoNode,
    List<Aedat4Stream> streams, long length) {

  static final String MAGIC = "#!AER-DAT4.0\r\n";
  static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);

  static Aedat4Header read(InputStream in, String source, int maxHeaderBytes) throws IOException {
    byte[] magic = in.readNBytes(MAGIC_BYTES.length + 4);
    if (magic.length == 0) {
      throw new CorruptInputException(source, 0, "empty file: 0 bytes, expected " + MAGIC.trim());
    }
    if (magic.length < MAGIC_BYTES.length
        || !Arrays.equals(magic, 0, MAGIC_BYTES.length, MAGIC_BYTES, 0, MAGIC_BYTES.length)) {
      if (AedatMagic.startsWith(magic, magic.length, AedatMagic.ANY_VERSION)) {
        throw new UnsupportedFormatException(source, 0, "expected " + MAGIC.trim() + ", found another AEDAT version"
            + " line");
      }
      throw new CorruptInputException(source, 0, "the version line " + MAGIC.trim(), "other bytes");
    }
    if (magic.length < MAGIC_BYTES.length + 4) {
      throw new CorruptInputException(source, MAGIC_BYTES.length, "the file ends inside the IOHeader length");
    }
    int size = LE.getInt(magic, MAGIC_BYTES.length);
    long at = MAGIC_BYTES.length + 4;
    if (size < 8) {
      throw new CorruptInputException(source, MAGIC_BYTES.length, "an IOHeader length of at least 8", "" + size);
    }
    if (size > maxHeaderBytes) {
      throw new LimitExceededException(source, MAGIC_BYTES.length, "IOHeader length", size, maxHeaderBytes);
    }
    byte[] fb = in.readNBytes(size); // grows as bytes arrive: a length beyond the file allocates no more than it
    if (fb.length < size) {
      throw new CorruptInputException(source, at, "the file ends " + Wording.count(fb.length, "byte")
          + " into an IOHeader of " + size + " bytes");
    }
    FlatTable t = FlatTable.root(fb, 0, size, source, at);
    int code = t.intField(0, 0);
    Aedat4Compression c = Aedat4Compression.fromCode(code);
    if (c == null) {
      throw new UnsupportedFormatException(source, at, "unknown IOHeader compression code " + code);
    }
    long table = t.longField(1, -1);
    String xml = t.string(2);
    if (xml == null) {
      throw new CorruptInputException(source, at, "IOHeader without an infoNode");
    }
    long length = at + size;
    if (table >= 0 && table < length) {
      throw new CorruptInputException(source, at, "a dataTablePosition after the header (>= " + length + ")",
          "" + table);
    }
    return new Aedat4Header(c, table, xml, Aedat4Stream.parseInfoNode(xml, source, at), length);
  }
}
