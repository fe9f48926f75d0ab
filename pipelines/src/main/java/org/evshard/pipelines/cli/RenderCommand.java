package org.evshard.pipelines.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.file.AtomicFiles;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.frame.PreviewImage;
import org.evshard.transforms.frame.TensorPreview;
import org.evshard.transforms.spec.ChainResult;
import org.evshard.transforms.spec.TransformChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evshard render INPUT --sensor WxHxP --transform SPEC ... -o OUT.png}: a PNG grid of the bins of a frame,
 * voxel grid or time surface (one tile per bin), or the accumulated image of the events after filters.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Draw what a representation did: a PNG grid with one tile per time bin, row-major.",
        "Two channels (frames, time surfaces): ON blue, OFF red. One channel (voxel grids): positive blue, negative"
            + " red. After filters only: the accumulated event image."})
public final class RenderCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT", description = "recording (any registered format, or a Tonic .npy)")
  Path input;

  @Option(names = "--format", paramLabel = "F", description = "format name (default: detected)")
  String format;

  @Option(names = "--sensor", paramLabel = "WxHxP",
      description = "Tonic's sensor_size, e.g. 34x34x2; for a recording that does not state its own, else the "
          + "file's with P = 2; for an image (chains starting with "
          + "rate_code, latency_code or saccade) the size to scale it to")
  String sensor;

  @Option(names = {"-t", "--transform"}, required = true, paramLabel = "SPEC",
      description = "transform spec; repeat for a chain, applied in order")
  List<String> transforms;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png", description = "output PNG")
  Path output;

  @Option(names = "--overwrite", description = "replace OUT when it exists")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    OutputFile.requireExtension("render", output, "a PNG picture", ".png");
    OutputFile.check(output, overwrite);
    SensorSize size = sensor == null ? null : TransformInput.parseSensor(sensor);
    TransformChain chain = TransformInput.parseChain(transforms);
    requireDrawable(chain);
    ChainResult result = TransformInput.apply("render", input, format, size, chain);
    System.out.println(writePng(result, output));
    return 0;
  }

  /**
   * Refuses, before reading, a chain that ends in points rather than pixels ({@code point_cloud}, {@code spike_voxel}):
   * a point cloud's (N, points, 3) drew as a 3-pixel-wide strip.
   */
  static void requireDrawable(TransformChain chain) {
    String last = chain.specs().get(chain.specs().size() - 1).name();
    if (last.equals("point_cloud") || last.equals("spike_voxel")) {
      throw new IllegalArgumentException(last + " yields points, not pixels: a picture draws frames, images, voxel "
          + "grids and time surfaces; write it with represent -o OUT.npy");
    }
  }

  /**
   * Draws {@code result} as a PNG at {@code out}: a grid of the bins of a tensor, or the accumulated image of events;
   * a bare slicer's index ranges are refused. Returns the line that says what was drawn.
   */
  static String writePng(ChainResult result, Path out) throws IOException {
    return switch (result.kind()) {
      case TENSOR -> {
        TensorPreview.Grid g = TensorPreview.render(result.tensor());
        writePng(g.rgb(), g.width(), g.height(), out);
        yield "rendered " + org.evshard.io.error.Wording.count(g.tiles(), "bin") + " (" + g.columns() + " x "
            + g.rows() + " tiles of "
            + g.tileWidth() + "x" + g.tileHeight() + ") to " + out;
      }
      case EVENTS -> {
        SensorGeometry geometry = new SensorGeometry(result.sensor().width(), result.sensor().height());
        InspectCommand.writePng(PreviewImage.render(result.events(), geometry), geometry, out);
        yield "rendered " + result.events().size() + " events (ON blue, OFF red) to " + out;
      }
      case SLICES -> throw new IllegalArgumentException("a bare slicer gives index ranges, nothing to draw: write "
          + "them with represent -o OUT.npy, or draw a representation such as frame(time_window=...)");
    };
  }

  static void writePng(int[] rgb, int width, int height, Path out) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, width, height, rgb, 0, width);
    writePng(img, out);
  }

  /** Writes {@code img} as a PNG that appears at {@code out} only once complete. */
  static void writePng(BufferedImage img, Path out) throws IOException {
    AtomicFiles.write(out, stream -> {
      if (!ImageIO.write(img, "png", stream)) {
        throw new IOException("no PNG writer available");
      }
    });
  }
}
