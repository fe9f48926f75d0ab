package org.evshard.pipelines.demo;

import java.util.SplittableRandom;

/**
 * Renders digit-like shapes for the demo corpus: a 5x7 dot-matrix glyph per digit, drawn with a random scale, shear,
 * offset and stroke width so that every sample of a class differs, anti-aliased into a float image in [0, 1].
 */
public final class DigitGlyphs {

  private static final String[][] GLYPHS = {
      {" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "},
      {"  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "},
      {" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"},
      {"#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "},
      {"   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "},
      {"#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "},
      {"  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "},
      {"#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "},
      {" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "},
      {" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "}};

  private DigitGlyphs() {}

  /** A {@code size x size} image of {@code digit}, varied by {@code seed}. */
  public static float[] render(int digit, int size, long seed) {
    if (digit < 0 || digit > 9) {
      throw new IllegalArgumentException("digit must be 0..9, got " + digit);
    }
    SplittableRandom r = new SplittableRandom(seed);
    String[] g = GLYPHS[digit];
    double cell = size * (0.085 + 0.02 * r.nextDouble()); // glyph height 7 cells, about 60-75 % of the image
    double shear = (r.nextDouble() - 0.5) * 0.4;
    double ox = size / 2.0 - 2.5 * cell + (r.nextDouble() - 0.5) * cell;
    double oy = size / 2.0 - 3.5 * cell + (r.nextDouble() - 0.5) * cell;
    double stroke = 0.45 + 0.25 * r.nextDouble(); // dot radius in cells
    float[] img = new float[size * size];
    int ss = 3; // supersampling per axis
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int hits = 0;
        for (int sy = 0; sy < ss; sy++) {
          for (int sx = 0; sx < ss; sx++) {
            double py = (y + (sy + 0.5) / ss - oy) / cell;
            double px = (x + (sx + 0.5) / ss - ox) / cell - shear * (py - 3.5);
            if (inside(g, px, py, stroke)) {
              hits++;
            }
          }
        }
        img[y * size + x] = hits / (float) (ss * ss);
      }
    }
    return img;
  }

  private static boolean inside(String[] g, double px, double py, double radius) {
    int cx = (int) Math.floor(px);
    int cy = (int) Math.floor(py);
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int gx = cx + dx;
        int gy = cy + dy;
        if (gy < 0 || gy >= 7 || gx < 0 || gx >= 5 || g[gy].charAt(gx) != '#') {
          continue;
        }
        double ddx = px - (gx + 0.5);
        double ddy = py - (gy + 0.5);
        // square-ish dots joined to neighbours: distance in max-norm
        if (Math.max(Math.abs(ddx), Math.abs(ddy)) <= radius) {
          return true;
        }
      }
    }
    return false;
  }
}
