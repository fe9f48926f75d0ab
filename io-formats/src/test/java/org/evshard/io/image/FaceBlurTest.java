package org.evshard.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.evshard.io.npy.NpyArray;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * img2dataset's tests/test_blurrer.py: {@code BoundingBoxBlurrer()(cv2.imread("original.png"), np.load("bbox.npy"))}
 * must equal {@code blurred.png} exactly (tolerance 0: with the pinned OpenCV build every value matches; another
 * build's float GaussianBlur could move a value by an ulp, which the final truncation can turn into one level).
 */
class FaceBlurTest {

  /** Largest per-channel mean absolute difference, in 8-bit levels, and largest single difference: none. */
  private static final double MEAN_TOLERANCE = 0;
  private static final int MAX_TOLERANCE = 0;

  @Test
  void blursOriginalLikeImg2dataset() throws IOException {
    NpyArray bbox = NpyArray.read(ImageFixtureFiles.blurFile("bbox.npy"));
    assertEquals(Arrays.toString(new long[] {1, 4}), Arrays.toString(bbox.shape()));
    float[] xyxy = new float[4];
    for (int i = 0; i < 4; i++) {
      xyxy[i] = (float) bbox.getDouble(i);
    }
    ImageDecoder decoder = ImageDecoder.withDefaults();
    try (DecodedImage original = decoder.decode(ImageFixtureFiles.read(ImageFixtureFiles.blurFile("original.png")),
            "original.png");
        DecodedImage expected = decoder.decode(ImageFixtureFiles.read(ImageFixtureFiles.blurFile("blurred.png")),
            "blurred.png")) {
      Mat blurred = FaceBlur.blur(original.mat(), FaceBoxes.ofFloat32(xyxy));
      try (DecodedImage actual = new DecodedImage(blurred, false)) {
        double[] diff = ImageFixtureFiles.difference(actual.toInterleavedRgb(), expected.toInterleavedRgb(), 3);
        for (int c = 0; c < 3; c++) {
          assertEquals(0, diff[c], MEAN_TOLERANCE, "channel " + c + " mean difference " + Arrays.toString(diff));
        }
        assertEquals(0, diff[3], MAX_TOLERANCE, "max difference " + Arrays.toString(diff));
        // the blur changed the image: a blur that did nothing would not be near blurred.png
        double[] vsOriginal = ImageFixtureFiles.difference(original.toInterleavedRgb(), expected.toInterleavedRgb(), 3);
        assertTrue(vsOriginal[3] > 100, "the fixture pair differs: " + Arrays.toString(vsOriginal));
      }
    }
  }

  /** numpy: float32(0.6015424) * 389 == 234.0 in float32, 233.99999874830246 in float64 (np.load('bbox.npy')). */
  @Test
  void scalesBoxesInTheirStoredPrecision() {
    float x1 = 0.6015424f;
    assertEquals(234, FaceBoxes.ofFloat32(x1, 0, 1, 1).pixel(0, 0, 389));
    assertEquals(233, FaceBoxes.ofFloat64(x1, 0, 1, 1).pixel(0, 0, 389));
  }

  @Test
  void noBoxesLeaveTheImageAsItIs() {
    ImageDecoder decoder = ImageDecoder.withDefaults();
    try (DecodedImage original = decoder.decode(ImageFixtureFiles.read(ImageFixtureFiles.blurFile("original.png")),
        "original.png"); DecodedImage same = new DecodedImage(FaceBlur.blur(original.mat(), FaceBoxes.none()),
        false)) {
      assertArrayEquals(original.toInterleavedRgb(), same.toInterleavedRgb());
    }
  }
}
