package org.evshard.transforms.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.evshard.transforms.Tensor;
import org.junit.jupiter.api.Test;

/** The tile grid of {@link TensorPreview}: one tile per bin of a (T, C, H, W) tensor, one for a (C, H, W) image. */
class TensorPreviewTest {

  @Test
  void anImageIsOneTileAndFramesAreAGrid() {
    short[] counts = new short[2 * 4 * 8];
    counts[3] = 5; // OFF at (3, 0)
    counts[32 + 9] = 2; // ON at (1, 1)
    TensorPreview.Grid image = TensorPreview.render(Tensor.ofInt16(new long[] {2, 4, 8}, counts));
    int zoom = (TensorPreview.MIN_TILE_SIDE + 7) / 8;
    assertEquals(1, image.tiles());
    assertEquals(8 * zoom, image.width());
    assertEquals(4 * zoom, image.height());
    short[] frames = new short[3 * counts.length];
    System.arraycopy(counts, 0, frames, counts.length, counts.length);
    TensorPreview.Grid grid = TensorPreview.render(Tensor.ofInt16(new long[] {3, 2, 4, 8}, frames));
    assertEquals(3, grid.tiles());
    assertEquals(2, grid.columns());
    // the image's tile is the second frame's tile: same pixels
    int tileW = grid.tileWidth();
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        assertEquals(image.rgb()[y * image.width() + x],
            grid.rgb()[y * grid.width() + tileW + TensorPreview.GAP + x], "pixel " + x + ", " + y);
      }
    }
    assertThrows(IllegalArgumentException.class,
        () -> TensorPreview.render(Tensor.ofInt16(new long[] {64}, new short[64])));
  }

  /** 100,000 bins of 34 x 34 drew 21,556 x 21,488 px in 5.8 GB. Here 317 x 316 tiles of 64 px, 2 px apart. */
  @Test
  void aPictureOfTooManyBinsIsRefusedBeforeItIsDrawn() {
    int bins = 100_000;
    Tensor many = Tensor.ofInt16(new long[] {bins, 1, 2, 2}, new short[bins * 4]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TensorPreview.render(many));
    assertEquals("a picture of 100000 bins of 2x2 would be 20920 x 20854 px, more than 36000000 pixels: draw fewer "
        + "bins (e.g. frame(n_time_bins=...)), or write the tensor as .npy", e.getMessage());
    assertEquals(1000, TensorPreview.render(Tensor.ofInt16(new long[] {1000, 1, 2, 2}, new short[4000])).tiles());
  }

  /**
   * Four single events beside one pixel of 50 were drawn at RGB (250, 250, 255), invisible on white (the 99th
   * percentile of 5 non-zero cells is the largest): a count of one now shows at least {@link TensorPreview#COUNT_FLOOR}
   * of full colour; the busy pixel stays the deepest. A float tensor is drawn in proportion.
   */
  @Test
  void singleEventsStayVisibleBesideABusyPixel() {
    short[] counts = new short[2 * 4 * 4]; // (1, 2, 4, 4): OFF plane, then ON plane
    counts[16] = 1; // ON at (0, 0)
    counts[16 + 5] = 1;
    counts[3] = 1; // OFF at (3, 0)
    counts[16 + 15] = 50; // the busy ON pixel
    TensorPreview.Grid g = TensorPreview.render(Tensor.ofInt16(new long[] {1, 2, 4, 4}, counts));
    int zoom = g.width() / 4;
    int single = g.rgb()[0]; // ON, one event
    int busy = g.rgb()[(3 * zoom) * g.width() + 3 * zoom];
    int off = g.rgb()[3 * zoom];
    int depth = (int) Math.round(255 * (1 - TensorPreview.COUNT_FLOOR));
    assertTrue(((single >> 16) & 0xFF) <= depth && (single & 0xFF) == 255, Integer.toHexString(single));
    assertTrue(((busy >> 16) & 0xFF) < ((single >> 16) & 0xFF), Integer.toHexString(busy));
    assertTrue((off & 0xFF) <= depth && ((off >> 16) & 0xFF) == 255, Integer.toHexString(off));
    double[] surface = new double[16];
    surface[0] = 0.01;
    surface[15] = 1.0;
    TensorPreview.Grid f = TensorPreview.render(Tensor.ofFloat64(new long[] {1, 1, 4, 4}, surface));
    assertEquals(0xFCFCFF, f.rgb()[0] & 0xFFFFFF, "a small float value stays pale");
  }
}
