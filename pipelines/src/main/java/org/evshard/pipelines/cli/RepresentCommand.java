package org.evshard.pipelines.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.evshard.io.file.AtomicFiles;
import org.evshard.io.npy.NpyEvents;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.spec.ChainResult;
import org.evshard.transforms.spec.TransformChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evshard represent INPUT --sensor WxHxP --transform SPEC ... -o OUT.npy}: a transform chain on one recording,
 * written as NPY: events (Tonic's dtype) for filters, the array for a representation, int64 {@code N x 2} slice
 * boundaries for a bare slicer. An output named {@code .png} gets the picture {@code render} draws instead; any other
 * extension is refused before the input is read.
 */
@Command(name = "represent", mixinStandardHelpOptions = true,
    description = {"Apply a transform chain (Tonic names, e.g. 'denoise(filter_time=10000)', 'frame(n_time_bins=10)')"
        + " to one recording (or, for a chain starting with rate_code, latency_code or saccade, to an image) and"
        + " write the result as .npy or .png.",
        "What it writes: events [x <i2, y <i2, t <i8, p bool] after filters; frames int16 T x P x H x W; image"
            + " int16 P x H x W; voxel grids float64 B x 1 x H x W; time surfaces float64 T x P x H x W;"
            + " bina_rep and averaged_timesurface float32; point_cloud float32 N x n_points x 3|4; spike_voxel int64"
            + " V x (6+T); slice boundaries int64 N x 2 (details: evshard transforms NAME).",
        "-o OUT.png writes the picture 'render' draws instead (one tile per time bin)."})
public final class RepresentCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "INPUT", description = "recording (any registered format, or a Tonic .npy)")
  Path input;

  @Option(names = "--format", paramLabel = "F", description = "format name (default: detected)")
  String format;

  @Option(names = "--sensor", paramLabel = "WxHxP",
      description = "Tonic's sensor_size, e.g. 34x34x2 (P = 1 merges polarities); for a recording that does not state "
          + "its own (N-MNIST .bin, NPY, AEDAT 2.0 without a chip), else the file's with P = 2; for an "
          + "image (chains starting with rate_code, latency_code or saccade) the size to scale it to")
  String sensor;

  @Option(names = {"-t", "--transform"}, required = true, paramLabel = "SPEC",
      description = "transform spec; repeat for a chain, applied in order")
  List<String> transforms;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.npy|OUT.png",
      description = "output file: .npy (the array), or .png (a picture of it, as render draws)")
  Path output;

  @Option(names = "--overwrite", description = "replace OUT when it exists")
  boolean overwrite;

  @Override
  public Integer call() throws Exception {
    boolean png = isPng(output);
    OutputFile.check(output, overwrite);
    SensorSize size = sensor == null ? null : TransformInput.parseSensor(sensor);
    TransformChain chain = TransformInput.parseChain(transforms);
    if (png) {
      RenderCommand.requireDrawable(chain);
    }
    ChainResult result = TransformInput.apply("represent", input, format, size, chain);
    if (png) {
      System.out.println(RenderCommand.writePng(result, output));
      return 0;
    }
    switch (result.kind()) {
      case EVENTS -> {
        org.evshard.io.events.Events e = result.events();
        AtomicFiles.write(output, out -> NpyEvents.write(out, e.x(), e.y(), e.t(), e.p(), 0, e.size()));
        System.out.println("wrote " + result.events().size() + " events to " + output);
      }
      case SLICES, TENSOR -> {
        Tensor t = result.asTensor();
        AtomicFiles.write(output, t.toNpy()::write);
        System.out.println("wrote " + t.type().name().toLowerCase(Locale.ROOT) + " "
            + Arrays.toString(t.shape()) + " to " + output);
      }
    }
    return 0;
  }

  /** true for a {@code .png} output, false for {@code .npy}; any other name is refused. */
  static boolean isPng(Path output) {
    String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      return true;
    }
    if (name.endsWith(".npy")) {
      return false;
    }
    throw new IllegalArgumentException("cannot tell what to write from the name " + output + ": represent writes "
        + ".npy (the array) or .png (a picture of it); name the output OUT.npy or OUT.png");
  }
}
