package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.evshard.io.Fixtures;
import org.evshard.transforms.frame.TensorPreview;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

  @TempDir
  Path tmp;

  private BufferedImage render(String spec) throws Exception {
    Path input = Fixtures.root().resolve("golden/tonic/inputs/nmnist_sample.npy");
    Path out = tmp.resolve(spec.replaceAll("\\W", "_") + ".png");
    assertEquals(0, EvshardCli.execute("render", input.toString(), "--sensor", "34x34x2", "--transform", spec,
        "-o", out.toString()));
    BufferedImage img = ImageIO.read(out.toFile());
    if (img == null) {
      throw new AssertionError("not a decodable PNG: " + out);
    }
    return img;
  }

  /** 34 px scaled by ceil(64 / 34) = 2: tiles of 68 x 68, grid ceil(sqrt(T)) columns, 2 px gaps. */
  private static void assertGrid(BufferedImage img, int columns, int rows) {
    int tile = 68;
    assertEquals(columns * tile + (columns - 1) * TensorPreview.GAP, img.getWidth());
    assertEquals(rows * tile + (rows - 1) * TensorPreview.GAP, img.getHeight());
  }

  @Test
  void framesGiveOneTilePerBin() throws Exception {
    BufferedImage img = render("frame(n_time_bins=10)"); // 10 bins: 4 columns, 3 rows
    assertGrid(img, 4, 3);
    // the gap is grey, and the tiles are not blank
    assertEquals(0x808080, img.getRGB(68, 0) & 0xFFFFFF);
    boolean drawn = false;
    for (int y = 0; y < 68 && !drawn; y++) {
      for (int x = 0; x < 68 && !drawn; x++) {
        drawn = (img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF;
      }
    }
    assertNotEquals(false, drawn, "first tile is blank");
  }

  @Test
  void voxelGridsAndTimeSurfacesAndFilteredEventsRender() throws Exception {
    assertGrid(render("voxel_grid(n_time_bins=5)"), 3, 2);
    assertGrid(render("timesurface(dt=62104, tau=31052.0)"), 3, 2);
    BufferedImage events = render("denoise(filter_time=10000)"); // one accumulated image, scaled up to >= 256
    assertEquals(34 * 8, events.getWidth());
  }

  @Test
  void aBareSlicerIsAnErrorExit() {
    Path input = Fixtures.root().resolve("golden/tonic/inputs/nmnist_sample.npy");
    assertEquals(2, EvshardCli.execute("render", input.toString(), "--sensor", "34x34x2", "--transform",
        "slice_by_time(time_window=10000)", "-o", tmp.resolve("s.png").toString()));
  }
}
