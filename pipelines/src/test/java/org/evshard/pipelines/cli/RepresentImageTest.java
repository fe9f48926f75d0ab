package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.evshard.io.events.Events;
import org.evshard.io.npy.NpyArray;
import org.evshard.io.npy.NpyEvents;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.represent.Frame;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.spike.ImageCoding;
import org.evshard.transforms.spike.SaccadeParams;
import org.evshard.transforms.spike.SaccadeSimulator;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evshard represent IMAGE} with chains that start with an image coding. */
class RepresentImageTest {

  @TempDir
  Path tmp;

  /** A grey gradient with a bright block, 20 x 14. */
  private Path image() throws Exception {
    BufferedImage img = new BufferedImage(20, 14, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 14; y++) {
      for (int x = 0; x < 20; x++) {
        int v = x >= 12 && y >= 4 && y < 10 ? 255 : x * 9;
        img.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    Path file = tmp.resolve("img.png");
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  private static float[] grey(Path file) throws Exception {
    BufferedImage img = ImageIO.read(file.toFile());
    return SimulateCommand.grey(img, img.getWidth(), img.getHeight());
  }

  @Test
  void rateCodeThenFrameEqualsTheKernels() throws Exception {
    Path png = image();
    Path out = tmp.resolve("frames.npy");
    CliOutput r = CliOutput.run("represent", png.toString(), "-t", "rate_code(T=12, max_rate=0.8, seed=5)", "-t",
        "frame(n_time_bins=4)", "-o", out.toString());
    assertEquals(0, r.exitCode, r.err);
    Events spikes = ImageCoding.rate(grey(png), 20, 14, 12, 0.8, ImageCoding.DEFAULT_DT, 5);
    Tensor want = Frame.byTimeBins(spikes, new SensorSize(20, 14, 2), 4, 0.0);
    NpyArray got = NpyArray.read(out);
    assertArrayEquals(want.shape(), got.shape());
    long[] w = new long[want.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = want.shorts()[i];
    }
    assertArrayEquals(w, got.toLongArray());
    assertTrue(spikes.size() > 50, "spikes: " + spikes.size());
  }

  /** --sensor 20x14x1 was read as 20x14x2: the frames kept two channels. */
  @Test
  void aOneChannelSensorMergesTheCodedPolarities() throws Exception {
    Path png = image();
    Path out = tmp.resolve("merged.npy");
    CliOutput r = CliOutput.run("represent", png.toString(), "--sensor", "20x14x1", "-t", "saccade(seed=2)", "-t",
        "frame(n_time_bins=2)", "-o", out.toString());
    assertEquals(0, r.exitCode, r.err);
    NpyArray got = NpyArray.read(out);
    assertArrayEquals(new long[] {2, 1, 14, 20}, got.shape());
  }

  @Test
  void latencyCodeWritesTheEventsOfTheFormula() throws Exception {
    Path png = image();
    Path out = tmp.resolve("latency.npy");
    CliOutput r = CliOutput.run("represent", png.toString(), "-t", "latency_code(T=10, tau=3, threshold=0.05)",
        "-o", out.toString());
    assertEquals(0, r.exitCode, r.err);
    assertEquals(ImageCoding.latency(grey(png), 20, 14, 10, 3, 0.05, ImageCoding.DEFAULT_DT), NpyEvents.read(out));
  }

  @Test
  void saccadeScaledToTheSensorEqualsTheSimulator() throws Exception {
    Path png = image();
    Path out = tmp.resolve("saccade.npy");
    CliOutput r = CliOutput.run("represent", png.toString(), "--sensor", "10x7x2", "-t", "saccade(seed=2)", "-o",
        out.toString());
    assertEquals(0, r.exitCode, r.err);
    float[] scaled = SimulateCommand.grey(ImageIO.read(png.toFile()), 10, 7);
    Events want = SaccadeSimulator.simulate(scaled, 10, 7, SaccadeParams.nmnistLike(2));
    assertEquals(want, NpyEvents.read(out));
    assertNotEquals(0, want.size());
  }

  @Test
  void imageCodingOnARecordingOrAfterAFilterFailsClearly() throws Exception {
    Path png = image();
    CliOutput r = CliOutput.run("represent", png.toString(), "--sensor", "20x14x2", "-t", "flip_lr", "-t",
        "rate_code(T=2)", "-o", tmp.resolve("x.npy").toString());
    assertNotEquals(0, r.exitCode);
    assertTrue(r.err.contains("only come first"), r.err);
    CliOutput noSensor = CliOutput.run("represent", png.toString(), "-t", "flip_lr", "-o",
        tmp.resolve("y.npy").toString());
    assertNotEquals(0, noSensor.exitCode);
    assertTrue(noSensor.err.contains(png + " is an image, and the chain starts with 'flip_lr', a step on events: "
        + "chains on images start with rate_code, latency_code or saccade"), noSensor.err);
    assertTrue(TransformChain.parse(List.of("rate_code(T=2)")).takesImage());
  }
}
