package org.evshard.transforms.frame;

import java.util.Arrays;
import org.evshard.transforms.Tensor;

/**
 * A picture of a representation for people to look at: a grid of tiles, one per time bin (the first axis of a
 * {@code (T, C, H, W)} tensor: frames, voxel grids, time surfaces), row-major, separated by a {@value #GAP}-pixel grey
 * gap. Two channels are drawn as ON (blue) and OFF (red) on white; one channel as a signed map (positive blue,
 * negative red, zero white). Values are scaled against the 99th percentile of the non-zero magnitudes of the whole
 * tensor, so bins stay comparable. Counts (integer tensors: frames, images) start at {@link #COUNT_FLOOR} of full
 * colour from one event on: with fewer than about 100 non-zero cells the percentile is the largest count, and single
 * events beside one busy pixel were drawn at 2 % (RGB 250, 250, 255), invisible on white. Floating-point tensors (time
 * surfaces, voxel grids) are drawn in proportion, where a small value means something. Pure: packed
 * {@code 0xRRGGBB} pixels, no AWT.
 */
public final class TensorPreview {

  /** Pixels between tiles. */
  public static final int GAP = 2;
  /** Tiles are scaled up (nearest neighbour) until their longer side reaches at least this. */
  public static final int MIN_TILE_SIDE = 64;
  /** Largest picture drawn (6,000 px square; its pixels and the PNG encoder's copy take about 300 MB). */
  public static final long MAX_PIXELS = 36_000_000L;
  private static final int GAP_RGB = 0x808080;
  /** The colour depth of a cell of one count, as a fraction of full colour (integer tensors only). */
  public static final double COUNT_FLOOR = 0.3;

  /** The grid: {@code rgb} is {@code width * height}, row-major. */
  public record Grid(int[] rgb, int width, int height, int tiles, int columns, int rows, int tileWidth,
      int tileHeight) {}

  private TensorPreview() {}

  public static Grid render(Tensor tensor) {
    if (tensor.rank() != 4 && tensor.rank() != 3) {
      throw new IllegalArgumentException("a preview needs a (T, C, H, W) or (C, H, W) tensor, got " + tensor);
    }
    int first = tensor.rank() - 3; // a (C, H, W) image is one tile
    int t = first == 0 ? 1 : (int) tensor.dim(0);
    int c = (int) tensor.dim(first);
    int h = (int) tensor.dim(first + 1);
    int w = (int) tensor.dim(first + 2);
    if (t == 0 || c == 0 || h == 0 || w == 0) {
      throw new IllegalArgumentException("nothing to draw: " + tensor + " is empty");
    }
    if (c > 2) {
      throw new IllegalArgumentException("a preview draws 1 or 2 channels, got " + c);
    }
    int zoom = Math.max(1, (MIN_TILE_SIDE + Math.max(w, h) - 1) / Math.max(w, h));
    int tileW = w * zoom;
    int tileH = h * zoom;
    int columns = (int) Math.ceil(Math.sqrt(t));
    int rows = (t + columns - 1) / columns;
    long wide = (long) columns * tileW + (columns - 1L) * GAP;
    long high = (long) rows * tileH + (rows - 1L) * GAP;
    if (wide * high > MAX_PIXELS) { // 100,000 bins drew a 21,556 x 21,488 px PNG in 5.8 GB, 30,000 ran 1 GB out
      throw new IllegalArgumentException("a picture of " + t + " bins of " + w + "x" + h + " would be " + wide + " x "
          + high + " px, more than " + MAX_PIXELS + " pixels: draw fewer bins (e.g. frame(n_time_bins=...)), or "
          + "write the tensor as .npy");
    }
    int width = (int) wide;
    int height = (int) high;
    double[] v = values(tensor);
    double scale = percentile(v, 0.99);
    double floor = tensor.type() == Tensor.ElementType.INT16 || tensor.type() == Tensor.ElementType.INT64 ? COUNT_FLOOR : 0;
    int[] rgb = new int[width * height];
    Arrays.fill(rgb, GAP_RGB);
    int plane = w * h;
    for (int bin = 0; bin < t; bin++) {
      int ox = (bin % columns) * (tileW + GAP);
      int oy = (bin / columns) * (tileH + GAP);
      int base = bin * c * plane;
      for (int py = 0; py < tileH; py++) {
        int row = (oy + py) * width + ox;
        int sy = py / zoom;
        for (int px = 0; px < tileW; px++) {
          int i = base + sy * w + px / zoom;
          double a;
          double b;
          if (c == 2) {
            a = Math.abs(v[i + plane]) / scale; // channel 1 = ON (Tonic's index p=1)
            b = Math.abs(v[i]) / scale;
          } else {
            a = Math.max(0, v[i]) / scale;
            b = Math.max(0, -v[i]) / scale;
          }
          rgb[row + px] = colour(depth(a, floor), depth(b, floor));
        }
      }
    }
    return new Grid(rgb, width, height, t, columns, rows, tileW, tileH);
  }

  /** The colour depth of a scaled magnitude: 0 for none, else from {@code floor} up to 1 at the scale. */
  static double depth(double scaled, double floor) {
    return scaled <= 0 ? 0 : floor + (1 - floor) * Math.min(1, scaled);
  }

  /** White, minus red+green for {@code on} (toward blue), minus green+blue for {@code off} (toward red). */
  private static int colour(double on, double off) {
    return (to8(1 - on) << 16) | (to8(1 - Math.max(on, off)) << 8) | to8(1 - off);
  }

  private static int to8(double v) {
    return (int) Math.round(Math.max(0.0, Math.min(1.0, v)) * 255);
  }

  private static double[] values(Tensor tensor) {
    return switch (tensor.type()) {
      case INT16 -> {
        short[] s = tensor.shorts();
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
          d[i] = s[i];
        }
        yield d;
      }
      case INT64 -> Arrays.stream(tensor.longs()).asDoubleStream().toArray();
      case FLOAT32 -> {
        float[] f = tensor.floats();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
          d[i] = f[i];
        }
        yield d;
      }
      case FLOAT64 -> tensor.doubles();
    };
  }

  /** The q-quantile of the non-zero magnitudes, or 1 when all are zero. */
  private static double percentile(double[] v, double q) {
    double[] nz = Arrays.stream(v).map(Math::abs).filter(d -> d > 0 && Double.isFinite(d)).sorted().toArray();
    if (nz.length == 0) {
      return 1.0;
    }
    return nz[(int) Math.min(nz.length - 1, Math.ceil(q * nz.length) - 1)];
  }
}
