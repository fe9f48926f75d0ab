package org.evshard.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** The resizer against img2dataset's tests/test_resizer.py, tests/fixtures.py and the blur+resize fixtures. */
class ImageResizerTest {

  /**
   * resize_*.jpg vs ours, decoded: per-channel mean absolute difference and max difference allowed, in 8-bit levels.
   * Zero: with the pinned OpenCV build resize, blur and the JPEG q95 encoding reproduce img2dataset's outputs exactly
   * (another libjpeg or resize build could move values by a few levels).
   */
  private static final double MEAN_TOLERANCE = 0;
  private static final int MAX_TOLERANCE = 0;

  /** test_resizer.py's {@code testdata} (mode, resize_only_if_bigger, skip_reencode) times image_size 256, 512. */
  static Stream<Arguments> img2datasetCases() {
    Object[][] testdata = {
        {"border", false, false}, {"border", false, true}, {"border", true, false},
        {"keep_ratio", false, false}, {"keep_ratio", true, false}, {"keep_ratio", true, true},
        {"center_crop", false, false}, {"center_crop", true, false},
        {"no", false, false}, {"no", false, true},
        // not in test_resizer.py; checked below from the mode's definition
        {"keep_ratio_largest", false, false}, {"fixed", true, false}};
    List<Arguments> out = new ArrayList<>();
    for (int size : new int[] {256, 512}) {
      for (Object[] t : testdata) {
        out.add(Arguments.of(size, t[0], t[1], t[2]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} onlyIfBigger={2} skip={3}")
  @MethodSource("img2datasetCases")
  void resizesLikeImg2dataset(int size, String mode, boolean onlyIfBigger, boolean skip) {
    ImageResizer resizer = new ImageResizer(ResizeOptions.of(size, ResizeMode.ofName(mode))
        .withResizeOnlyIfBigger(onlyIfBigger).withSkipReencode(skip), ImageLimits.defaults());
    for (Path p : ImageFixtureFiles.resizePhotos()) {
      int[] wh = ImageFixtureFiles.sizeFromName(p);
      ResizeResult r = resizer.resize(ImageFixtureFiles.read(p), p.toString());
      assertFalse(r.isRejected(), p.toString());
      assertEquals(wh[0], r.originalWidth(), p.toString());
      assertEquals(wh[1], r.originalHeight(), p.toString());
      int[] decoded = opencvSize(r.encoded());
      assertEquals(r.width(), decoded[0], p.toString());
      assertEquals(r.height(), decoded[1], p.toString());
      int[] expected = expectedSize(wh[0], wh[1], size, mode, onlyIfBigger);
      assertEquals(expected[0] + "x" + expected[1], r.width() + "x" + r.height(), p + " " + mode);
    }
  }

  /**
   * The size each mode must give, from tests/fixtures.py {@code check_one_image_size} (border, fixed, keep_ratio:
   * {@code round(side * image_size / min side)}) and from the mode's definition for the others.
   */
  private static int[] expectedSize(int w, int h, int size, String mode, boolean onlyIfBigger) {
    boolean onShorter = mode.equals("keep_ratio") || mode.equals("center_crop");
    if (mode.equals("no") || onlyIfBigger && (onShorter ? Math.min(w, h) : Math.max(w, h)) <= size) {
      return new int[] {w, h};
    }
    switch (mode) {
      case "border":
      case "fixed":
      case "center_crop":
        return new int[] {size, size};
      case "keep_ratio":
        double ratio = (double) size / Math.min(w, h);
        return new int[] {(int) Math.rint(w * ratio), (int) Math.rint(h * ratio)};
      default: // keep_ratio_largest
        double r = (double) size / Math.max(w, h);
        return new int[] {(int) Math.rint(w * r), (int) Math.rint(h * r)};
    }
  }

  @Test
  void skipReencodeReturnsTheInputWhenNothingChanges() {
    ImageResizer resizer = new ImageResizer(ResizeOptions.of(256, ResizeMode.NO).withSkipReencode(true),
        ImageLimits.defaults());
    for (Path p : ImageFixtureFiles.resizePhotos()) {
      byte[] in = ImageFixtureFiles.read(p);
      String jfif = new String(in, 6, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(jfif.equals("JFIF") || jfif.equals("Exif"), p + " has bytes 6..9 " + jfif);
      assertArrayEquals(in, resizer.resize(in, p.toString()).encoded(), p.toString());
    }
    ImageResizer reencode = new ImageResizer(ResizeOptions.of(256, ResizeMode.NO), ImageLimits.defaults());
    Path p = ImageFixtureFiles.resizePhotos().get(0);
    assertFalse(Arrays.equals(ImageFixtureFiles.read(p), reencode.resize(ImageFixtureFiles.read(p), "x").encoded()));
  }

  /**
   * keep_ratio scales the short side to image_size, so a long image grows past the pixel limit on its long side:
   * refused by name before OpenCV allocates it (a 10 x 100 image at image_size 256 is 256 x 2560 = 655,360 pixels).
   */
  @Test
  void keepRatioPastThePixelLimitIsRefusedBeforeResizing() {
    OpenCv.ensureLoaded();
    MatOfByte jpg = new MatOfByte();
    Imgcodecs.imencode(".jpg", new Mat(100, 10, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(9, 99, 199)),
        jpg);
    byte[] in = jpg.toArray();
    ResizeOptions o = ResizeOptions.of(256, ResizeMode.KEEP_RATIO);
    ImageTooLargeException e = org.junit.jupiter.api.Assertions.assertThrows(ImageTooLargeException.class,
        () -> new ImageResizer(o, ImageLimits.defaults().withMaxPixels(655_359)).resize(in, "long.jpg"));
    assertEquals("long.jpg: resized 256x2560 pixel count of 655360 exceeds the limit of 655359; the image_size side "
        + "of a 10x100 image; the limit is the decoder's pixel limit", e.getMessage());
    ResizeResult r = new ImageResizer(o, ImageLimits.defaults().withMaxPixels(655_360)).resize(in, "long.jpg");
    assertEquals(256, r.width());
    assertEquals(2560, r.height());
  }

  @Test
  void rejectsWithImg2datasetReasons() {
    Path tall = ImageFixtureFiles.resizePhotos().stream().filter(p -> p.endsWith("123_456.jpg")).findFirst()
        .orElseThrow();
    byte[] in = ImageFixtureFiles.read(tall);
    ResizeOptions o = ResizeOptions.of(256, ResizeMode.BORDER);
    assertEquals(RejectReason.IMAGE_TOO_SMALL,
        new ImageResizer(o.withMinImageSize(124), ImageLimits.defaults()).resize(in, "t").rejection());
    assertFalse(new ImageResizer(o.withMinImageSize(123), ImageLimits.defaults()).resize(in, "t").isRejected());
    assertEquals(RejectReason.IMAGE_AREA_TOO_LARGE,
        new ImageResizer(o.withMaxImageArea(123 * 456 - 1), ImageLimits.defaults()).resize(in, "t").rejection());
    assertEquals(RejectReason.ASPECT_RATIO_TOO_LARGE,
        new ImageResizer(o.withMaxAspectRatio(3.7), ImageLimits.defaults()).resize(in, "t").rejection());
    assertFalse(new ImageResizer(o.withMaxAspectRatio(3.71), ImageLimits.defaults()).resize(in, "t").isRejected());
    assertEquals("image too small", RejectReason.IMAGE_TOO_SMALL.message());
  }

  @ParameterizedTest
  @EnumSource(value = ResizeMode.class, names = {"NO", "BORDER", "KEEP_RATIO", "KEEP_RATIO_LARGEST", "CENTER_CROP"})
  void blursAndResizesLikeTheFixtures(ResizeMode mode) throws Exception {
    // tests/regenerate_blur_references.py: download(test_bbox.parquet, image_size=600, resize_mode=mode,
    // resize_only_if_bigger=False, bbox_col="bboxes") over original.png; boxes are the parquet's float64 lists
    FaceBoxes boxes = parquetBoxes();
    byte[] original = ImageFixtureFiles.read(ImageFixtureFiles.blurFile("original.png"));
    ResizeResult r = new ImageResizer(ResizeOptions.of(600, mode), ImageLimits.defaults())
        .resize(original, "original.png", boxes);
    ImageDecoder decoder = ImageDecoder.withDefaults();
    String name = "resize_" + mode.img2datasetName() + ".jpg";
    try (DecodedImage ours = decoder.decode(r.encoded(), "ours");
        DecodedImage expected = decoder.decode(ImageFixtureFiles.read(ImageFixtureFiles.blurFile(name)), name)) {
      assertEquals(expected.width() + "x" + expected.height(), ours.width() + "x" + ours.height());
      double[] d = ImageFixtureFiles.difference(ours.toInterleavedRgb(), expected.toInterleavedRgb(), 3);
      for (int c = 0; c < 3; c++) {
        assertTrue(d[c] <= MEAN_TOLERANCE, name + " mean differences and max " + Arrays.toString(d));
      }
      assertTrue(d[3] <= MAX_TOLERANCE, name + " mean differences and max " + Arrays.toString(d));
    }
  }

  @Test
  void withoutTheBoxesTheBlurredFixtureIsNotMatched() throws Exception {
    byte[] original = ImageFixtureFiles.read(ImageFixtureFiles.blurFile("original.png"));
    ResizeResult r = new ImageResizer(ResizeOptions.of(600, ResizeMode.NO), ImageLimits.defaults())
        .resize(original, "original.png");
    ImageDecoder decoder = ImageDecoder.withDefaults();
    try (DecodedImage ours = decoder.decode(r.encoded(), "ours");
        DecodedImage expected = decoder.decode(ImageFixtureFiles.read(ImageFixtureFiles.blurFile("resize_no.jpg")),
            "resize_no.jpg")) {
      double[] d = ImageFixtureFiles.difference(ours.toInterleavedRgb(), expected.toInterleavedRgb(), 3);
      assertTrue(d[3] > MAX_TOLERANCE, Arrays.toString(d));
    }
  }

  /** The {@code bboxes} column of test_bbox.parquet, read by DuckDB (independent of evshard). */
  private static FaceBoxes parquetBoxes() throws Exception {
    Path parquet = ImageFixtureFiles.blurFile("test_bbox.parquet");
    List<Double> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT unnest(bboxes) AS b FROM read_parquet('" + parquet + "')")) {
      while (rs.next()) {
        Array box = rs.getArray(1);
        for (Object v : (Object[]) box.getArray()) {
          values.add(((Number) v).doubleValue());
        }
      }
    }
    assertEquals(4, values.size(), "one box in test_bbox.parquet: " + values);
    return FaceBoxes.ofFloat64(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Width and height as OpenCV decodes them (test_resizer.py decodes with cv2.imdecode). */
  private static int[] opencvSize(byte[] encoded) {
    OpenCv.ensureLoaded();
    MatOfByte buf = new MatOfByte(encoded);
    Mat m = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_UNCHANGED);
    try {
      return new int[] {m.cols(), m.rows()};
    } finally {
      m.release();
      buf.release();
    }
  }

  /** The options as a run records them: img2dataset's names and values, not a record's toString. */
  @Test
  void optionsAreRecordedUnderImg2datasetNames() {
    java.util.Map<String, Object> p = ResizeOptions.of(256, ResizeMode.CENTER_CROP)
        .withEncoding(ImageFormat.WEBP, 90).toParameters();
    assertEquals(256, p.get("image_size"));
    assertEquals("center_crop", p.get("resize_mode"));
    assertEquals("webp", p.get("encode_format"));
    assertEquals(90, p.get("encode_quality"));
    assertEquals("inf", p.get("max_image_area"));
    assertEquals(java.util.List.of("image_size", "resize_mode", "resize_only_if_bigger", "upscale_interpolation",
        "downscale_interpolation", "encode_format", "encode_quality", "skip_reencode", "min_image_size",
        "max_image_area", "max_aspect_ratio", "color"), java.util.List.copyOf(p.keySet()));
  }
}
