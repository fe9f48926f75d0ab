// Writes the seeds of ImageDecoderFuzzTest#decodesAnyBytes: small images encoded by OpenCV (the decoder's own codec
// library, so every seed decodes), one per layout the decoder handles. Run from the checkout:
//   java -cp "io-formats/target/classes:$(cat /tmp/cp.txt)" scripts/MakeImageFuzzSeeds.java \
//     io-formats/src/test/resources/org/evshard/io/image/ImageDecoderFuzzTestInputs/decodesAnyBytes
// with /tmp/cp.txt from `mvn -pl io-formats dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt`.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.evshard.io.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

public class MakeImageFuzzSeeds {
  public static void main(String[] a) throws Exception {
    Path d = Path.of(a[0]);
    Files.createDirectories(d);
    OpenCv.ensureLoaded();
    byte[] jpeg = encode(".jpg", gradient(12, 8, CvType.CV_8UC3), Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
    write(d, "rgb_12x8.jpg", jpeg);
    write(d, "gray_9x7.jpg", encode(".jpg", gradient(9, 7, CvType.CV_8UC1), Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
    write(d, "progressive_12x8.jpg", encode(".jpg", gradient(12, 8, CvType.CV_8UC3),
        Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1));
    write(d, "cut_before_eoi.jpg", Arrays.copyOf(jpeg, jpeg.length - 40));
    write(d, "gray_6x5.png", encode(".png", gradient(6, 5, CvType.CV_8UC1)));
    write(d, "gray_alpha_6x5.png", grayAlpha(6, 5));
    write(d, "rgb_6x5.png", encode(".png", gradient(6, 5, CvType.CV_8UC3)));
    write(d, "rgba_6x5.png", encode(".png", gradient(6, 5, CvType.CV_8UC4)));
    write(d, "rgb16_5x4.png", encode(".png", gradient(5, 4, CvType.CV_16UC3)));
    write(d, "lossy_10x6.webp", encode(".webp", gradient(10, 6, CvType.CV_8UC3), Imgcodecs.IMWRITE_WEBP_QUALITY, 80));
    write(d, "lossless_rgba_10x6.webp", encode(".webp", gradient(10, 6, CvType.CV_8UC4),
        Imgcodecs.IMWRITE_WEBP_QUALITY, 101));
  }

  /** A w x h image of the given type whose samples rise along x, y and the channel index. */
  static Mat gradient(int w, int h, int type) {
    Mat m = new Mat(h, w, type);
    int c = CvType.channels(type);
    boolean sixteen = CvType.depth(type) == CvType.CV_16U;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double[] px = new double[c];
        for (int k = 0; k < c; k++) {
          int v = (x * 23 + y * 31 + k * 67) % 256;
          px[k] = sixteen ? v * 257 + k : v;
        }
        m.put(y, x, px);
      }
    }
    return m;
  }

  /** A gray + alpha PNG (colour type 4), written by hand: OpenCV does not encode two channels. */
  static byte[] grayAlpha(int w, int h) throws Exception {
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    for (int y = 0; y < h; y++) {
      raw.write(0); // filter: none
      for (int x = 0; x < w; x++) {
        raw.write((x * 23 + y * 31) % 256);
        raw.write((x * 40 + y * 9 + 60) % 256);
      }
    }
    java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
    try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat)) {
      raw.writeTo(z);
    }
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h)
        .put((byte) 8).put((byte) 4).put((byte) 0).put((byte) 0).put((byte) 0);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(png, "IHDR", ihdr.array());
    chunk(png, "IDAT", idat.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data) throws Exception {
    byte[] t = type.getBytes("US-ASCII");
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(t);
    crc.update(data);
    png.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    png.write(t);
    png.write(data);
    png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  static byte[] encode(String ext, Mat m, int... params) {
    MatOfByte out = new MatOfByte();
    if (!Imgcodecs.imencode(ext, m, out, new MatOfInt(params))) {
      throw new IllegalStateException("OpenCV could not encode " + ext);
    }
    return out.toArray();
  }

  static void write(Path d, String name, byte[] b) throws Exception {
    Files.write(d.resolve(name), b);
    System.out.println(name + ": " + b.length + " bytes");
  }
}
