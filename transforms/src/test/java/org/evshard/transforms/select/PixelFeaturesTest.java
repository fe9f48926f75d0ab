package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Area downsampling against OpenCV's {@code resize(..., INTER_AREA)} on float images (no output rounding). */
class PixelFeaturesTest {

  @BeforeAll
  static void loadOpenCv() {
    Loader.load(org.bytedeco.opencv.opencv_java.class);
  }

  @ParameterizedTest
  @CsvSource({"32, 32, 3, 8", "32, 32, 3, 5", "37, 23, 3, 7", "28, 28, 1, 16", "100, 60, 4, 9", "9, 9, 1, 9"})
  void byteImageMatchesOpenCvInterArea(int h, int w, int c, int s) {
    Random r = new Random(h * 31L + w + c + s);
    byte[] img = new byte[h * w * c];
    r.nextBytes(img);
    byte[] before = img.clone();
    float[] ours = PixelFeatures.downsample(img, h, w, c, s);
    assertArrayEquals(before, img);

    float[] asFloat = new float[img.length];
    for (int i = 0; i < img.length; i++) {
      asFloat[i] = (img[i] & 0xff) / 255f;
    }
    Mat src = new Mat(h, w, CvType.CV_32FC(c));
    src.put(0, 0, asFloat);
    Mat dst = new Mat();
    Imgproc.resize(src, dst, new Size(s, s), 0, 0, Imgproc.INTER_AREA);
    float[] cv = new float[s * s * c];
    dst.get(0, 0, cv);
    assertEquals(cv.length, ours.length);
    for (int i = 0; i < cv.length; i++) {
      assertEquals(cv[i], ours[i], 1e-5, "element " + i);
    }
  }

  @ParameterizedTest
  @CsvSource({"64, 48, 16", "30, 30, 7"})
  void floatFrameMatchesOpenCvInterArea(int h, int w, int s) {
    Random r = new Random(h + w + s);
    float[] frame = new float[h * w];
    for (int i = 0; i < frame.length; i++) {
      frame[i] = (float) r.nextGaussian() * 10;
    }
    float[] ours = PixelFeatures.downsample(frame, h, w, s);
    Mat src = new Mat(h, w, CvType.CV_32FC1);
    src.put(0, 0, frame);
    Mat dst = new Mat();
    Imgproc.resize(src, dst, new Size(s, s), 0, 0, Imgproc.INTER_AREA);
    float[] cv = new float[s * s];
    dst.get(0, 0, cv);
    for (int i = 0; i < cv.length; i++) {
      assertEquals(cv[i], ours[i], 1e-4, "element " + i);
    }
  }
}
