package org.evshard.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.junit.jupiter.api.Test;

/** Decoding every fixture: sizes agree with the probe and the names, pixels with an independent PNG decoder. */
class ImageDecoderTest {

  private final ImageDecoder decoder = ImageDecoder.withDefaults();

  @Test
  void decodesEveryFixtureToTheProbedSize() {
    List<Path> all = new ArrayList<>(ImageFixtureFiles.resizePhotos());
    all.addAll(ImageFixtureFiles.cifar());
    for (String n : new String[] {"original.png", "blurred.png", "resize_no.jpg", "resize_border.jpg",
        "resize_keep_ratio.jpg", "resize_keep_ratio_largest.jpg", "resize_center_crop.jpg"}) {
      all.add(ImageFixtureFiles.blurFile(n));
    }
    for (Path p : all) {
      byte[] bytes = ImageFixtureFiles.read(p);
      ImageHeader h = ImageHeaderProbe.probe(bytes, p.toString());
      try (DecodedImage im = decoder.decode(bytes, p.toString())) {
        assertEquals(h.width() + "x" + h.height(), im.width() + "x" + im.height(), p.toString());
        assertEquals(3, im.channels(), p.toString());
        assertEquals(im.width() * im.height() * 3, im.toInterleavedRgb().length);
      }
    }
  }

  @Test
  void decodesCifarTo32x32x3AndThePhotosToTheirNames() {
    for (Path p : ImageFixtureFiles.cifar()) {
      try (DecodedImage im = decoder.decode(ImageFixtureFiles.read(p), p.toString())) {
        assertEquals(List.of(32, 32, 3), List.of(im.height(), im.width(), im.channels()), p.toString());
      }
    }
    for (Path p : ImageFixtureFiles.resizePhotos()) {
      int[] wh = ImageFixtureFiles.sizeFromName(p);
      try (DecodedImage im = decoder.decode(ImageFixtureFiles.read(p), p.toString())) {
        assertEquals(wh[0] + "x" + wh[1], im.width() + "x" + im.height(), p.toString());
      }
    }
  }

  /** PNG is lossless: OpenCV's pixels in RGB order must equal the JDK's ImageIO decode. */
  @Test
  void pngPixelsEqualImageIoInRgbOrder() throws IOException {
    byte[] png = ImageFixtureFiles.read(ImageFixtureFiles.blurFile("original.png"));
    BufferedImage ref = ImageIO.read(new ByteArrayInputStream(png));
    byte[] expected = new byte[ref.getWidth() * ref.getHeight() * 3];
    for (int y = 0, i = 0; y < ref.getHeight(); y++) {
      for (int x = 0; x < ref.getWidth(); x++) {
        int rgb = ref.getRGB(x, y);
        expected[i++] = (byte) (rgb >> 16);
        expected[i++] = (byte) (rgb >> 8);
        expected[i++] = (byte) rgb;
      }
    }
    try (DecodedImage im = decoder.decode(png, "original.png")) {
      assertArrayEquals(expected, im.toInterleavedRgb());
    }
  }

  @Test
  void refusesTruncatedAndDamagedJpegs() {
    byte[] jpeg = ImageFixtureFiles.read(ImageFixtureFiles.resizePhotos().get(0));
    CorruptInputException cut = assertThrows(CorruptInputException.class,
        () -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg"));
    assertEquals("cut.jpg", cut.source());
    assertEquals(jpeg.length / 2, cut.offset());
    // SOS's first component selector names a component the frame does not have: libjpeg refuses the scan
    byte[] badScan = jpeg.clone();
    int sos = ImageHeaderProbeTest.indexOfMarker(badScan, 0xDA, 0xDA);
    badScan[sos + 5] = (byte) 0x7B;
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> decoder.decode(badScan, "sos.jpg"));
    assertTrue(e.getMessage().contains("sos.jpg"), e.getMessage());
  }

  @Test
  void refusesAPngWithADamagedDataChunk() {
    byte[] png = ImageFixtureFiles.read(ImageFixtureFiles.blurFile("original.png"));
    byte[] bad = png.clone();
    bad[bad.length / 2] ^= 0x55; // inside IDAT: its CRC no longer matches
    assertThrows(CorruptInputException.class, () -> decoder.decode(bad, "bad.png"));
  }

  /** Flipped bytes anywhere: an image of the header's size or an evshard exception, never anything else. */
  @Test
  void flippedBytesGiveAnImageOrAnIoException() {
    byte[] jpeg = ImageFixtureFiles.read(ImageFixtureFiles.cifar().get(0));
    Random r = new Random(7);
    for (int i = 0; i < 300; i++) {
      byte[] b = jpeg.clone();
      b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
      try (DecodedImage im = decoder.decode(b, "flip")) {
        assertEquals(ImageHeaderProbe.probe(b, "flip").width(), im.width());
      } catch (EvshardIoException expected) {
        // content error
      }
    }
  }

  @Test
  void compositesAlphaOverWhiteAsImg2datasetDoes() {
    // a 1x2 BGRA PNG written by OpenCV: alpha 0 and alpha 128
    org.opencv.core.Mat m = new org.opencv.core.Mat(1, 2, org.opencv.core.CvType.CV_8UC4);
    OpenCv.ensureLoaded();
    m.put(0, 0, new byte[] {10, 20, 30, 0, 10, 20, 30, (byte) 128});
    org.opencv.core.MatOfByte png = new org.opencv.core.MatOfByte();
    org.opencv.imgcodecs.Imgcodecs.imencode(".png", m, png);
    try (DecodedImage im = decoder.decode(png.toArray(), "alpha.png")) {
      assertTrue(im.alphaMatted());
      // img2dataset: rint(a / 255 * c + 255 - a): a=0 -> 255; a=128 -> 128/255*c + 127
      byte[] rgb = im.toInterleavedRgb();
      int[] expected = {255, 255, 255, (int) Math.rint(128 / 255.0 * 30 + 127),
          (int) Math.rint(128 / 255.0 * 20 + 127), (int) Math.rint(128 / 255.0 * 10 + 127)};
      for (int i = 0; i < 6; i++) {
        assertEquals(expected[i], rgb[i] & 0xFF, "value " + i);
      }
    } finally {
      m.release();
      png.release();
    }
  }
}
