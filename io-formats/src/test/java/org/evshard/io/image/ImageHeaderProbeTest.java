package org.evshard.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Header sizes against the fixtures' names and OpenCV-encoded WebPs; corrupt and bomb headers. */
class ImageHeaderProbeTest {

  @Test
  void readsTheSizeInEveryPhotosName() {
    List<Path> photos = ImageFixtureFiles.resizePhotos();
    assertEquals(7, photos.size());
    for (Path p : photos) {
      int[] wh = ImageFixtureFiles.sizeFromName(p);
      assertEquals(new ImageHeader(ImageFormat.JPEG, wh[0], wh[1]),
          ImageHeaderProbe.probe(ImageFixtureFiles.read(p), p.toString()));
    }
  }

  @Test
  void readsCifarAndPngSizes() {
    List<Path> cifar = ImageFixtureFiles.cifar();
    assertEquals(50, cifar.size());
    for (Path p : cifar) {
      assertEquals(new ImageHeader(ImageFormat.JPEG, 32, 32), ImageHeaderProbe.probe(ImageFixtureFiles.read(p), "c"));
    }
    // SOURCES.md: original.png 389x535
    assertEquals(new ImageHeader(ImageFormat.PNG, 389, 535),
        ImageHeaderProbe.probe(ImageFixtureFiles.read(ImageFixtureFiles.blurFile("original.png")), "o"));
  }

  /** OpenCV's libwebp writes VP8 (lossy), VP8L (quality above 100: lossless) and VP8X (lossy with alpha). */
  @ParameterizedTest
  @ValueSource(strings = {"VP8 ", "VP8L", "VP8X"})
  void readsWebPSizesOfEveryChunkKind(String chunk) {
    int w = 77;
    int h = 41;
    byte[] webp = encodeWebP(w, h, chunk.equals("VP8X") ? 4 : 3, chunk.equals("VP8L") ? 101 : 80);
    assertEquals(chunk, new String(webp, 12, 4, StandardCharsets.US_ASCII), "the encoder wrote another chunk");
    assertEquals(new ImageHeader(ImageFormat.WEBP, w, h), ImageHeaderProbe.probe(webp, "w"));
  }

  @Test
  void namesTheOffsetOfACorruptSegmentLength() {
    byte[] jpeg = ImageFixtureFiles.read(ImageFixtureFiles.resizePhotos().get(0));
    byte[] bad = jpeg.clone();
    // APP0 (JFIF) segment at offset 2: marker ff e0, length at 4
    assertEquals(0xE0, bad[3] & 0xFF);
    bad[4] = (byte) 0xFF;
    bad[5] = (byte) 0xFF;
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> ImageHeaderProbe.probe(bad, "f.jpg"));
    assertEquals(4, e.offset());
    assertEquals("f.jpg", e.source());
  }

  @Test
  void refusesJpegsCutBeforeTheirFrameHeaderAndScansBeforeIt() {
    byte[] jpeg = ImageFixtureFiles.read(ImageFixtureFiles.resizePhotos().get(0));
    int sof = indexOfMarker(jpeg, 0xC0, 0xC2);
    assertThrows(CorruptInputException.class, () -> ImageHeaderProbe.probe(Arrays.copyOf(jpeg, sof + 5), "cut"));
    byte[] flipped = jpeg.clone();
    flipped[sof + 1] = (byte) (flipped[sof + 1] ^ 0xFF); // SOFn becomes an unknown marker: the scan comes first
    assertThrows(CorruptInputException.class, () -> ImageHeaderProbe.probe(flipped, "flipped"));
  }

  @Test
  void refusesUnknownFormatsAndBrokenPngs() {
    assertThrows(UnsupportedFormatException.class, () -> ImageHeaderProbe.probe("GIF89a....".getBytes(), "g"));
    // an empty file was "not a JPEG, PNG or WebP image (first bytes )"
    CorruptInputException empty = assertThrows(CorruptInputException.class,
        () -> ImageHeaderProbe.probe(new byte[0], "empty"));
    assertEquals("empty at byte 0 (0x0): empty file: 0 bytes, expected an image", empty.getMessage());
    byte[] png = ImageFixtureFiles.read(ImageFixtureFiles.blurFile("original.png"));
    byte[] badCrc = png.clone();
    badCrc[17] ^= 1; // a width byte: IHDR CRC no longer matches
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> ImageHeaderProbe.probe(badCrc, "p"));
    assertEquals(29, e.offset());
  }

  @Test
  void refusesBombHeadersBeforeDecoding() {
    byte[] bomb = pngHeaderOnly(100_000, 100_000);
    assertEquals(new ImageHeader(ImageFormat.PNG, 100_000, 100_000), ImageHeaderProbe.probe(bomb, "bomb"));
    ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
        () -> ImageHeaderProbe.probe(bomb, "bomb.png", ImageLimits.defaults()));
    assertTrue(e.getMessage().contains("89478485"), e.getMessage());
    // the decoder refuses it too, by the header alone: the file has no pixel data, decoding would fail differently
    assertThrows(ImageTooLargeException.class, () -> ImageDecoder.withDefaults().decode(bomb, "bomb.png"));

    byte[] jpeg = ImageFixtureFiles.read(ImageFixtureFiles.resizePhotos().get(0));
    int sof = indexOfMarker(jpeg, 0xC0, 0xC2);
    byte[] bigJpeg = jpeg.clone();
    Arrays.fill(bigJpeg, sof + 5, sof + 9, (byte) 0xFF); // 65535 x 65535, the largest a JPEG can claim
    assertThrows(ImageTooLargeException.class, () -> ImageDecoder.withDefaults().decode(bigJpeg, "big.jpg"));
    assertThrows(ImageTooLargeException.class,
        () -> ImageHeaderProbe.probe(jpeg, "j", ImageLimits.defaults().withMaxEncodedBytes(jpeg.length - 1)));
    ImageHeaderProbe.probe(jpeg, "j", ImageLimits.defaults().withMaxEncodedBytes(jpeg.length));
  }

  /** A PNG signature and a valid IHDR (CRC computed here) for the given size, and nothing else. */
  static byte[] pngHeaderOnly(long width, long height) {
    byte[] b = new byte[8 + 8 + 13 + 4];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    System.arraycopy(sig, 0, b, 0, 8);
    putU32(b, 8, 13);
    System.arraycopy("IHDR".getBytes(StandardCharsets.US_ASCII), 0, b, 12, 4);
    putU32(b, 16, width);
    putU32(b, 20, height);
    b[24] = 8; // bit depth
    b[25] = 2; // colour type RGB
    CRC32 crc = new CRC32();
    crc.update(b, 12, 17);
    putU32(b, 29, crc.getValue());
    return b;
  }

  private static void putU32(byte[] b, int at, long v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (24 - 8 * i));
    }
  }

  /** Offset of the first {@code ff XX} marker with XX in [lo, hi]. */
  static int indexOfMarker(byte[] b, int lo, int hi) {
    for (int i = 2; i + 1 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) >= lo && (b[i + 1] & 0xFF) <= hi) {
        return i;
      }
    }
    throw new AssertionError("no marker ff" + Integer.toHexString(lo));
  }

  private static byte[] encodeWebP(int w, int h, int channels, int quality) {
    OpenCv.ensureLoaded();
    Mat m = new Mat(h, w, CvType.CV_8UC(channels), new Scalar(30, 120, 200, 128));
    MatOfByte out = new MatOfByte();
    MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, quality);
    try {
      assertTrue(Imgcodecs.imencode(".webp", m, out, params));
      return out.toArray();
    } finally {
      m.release();
      out.release();
      params.release();
    }
  }
}
