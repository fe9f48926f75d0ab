package org.evshard.pipelines.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.file.AtomicFiles;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventWriter;
import org.evshard.transforms.spike.SaccadeParams;
import org.evshard.transforms.spike.SaccadeSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evshard simulate IMAGE -o OUT}: a still image turned into a DVS recording the way N-MNIST and N-Caltech101
 * were recorded (three saccades of an event camera in front of a monitor; {@link SaccadeSimulator}), written in any
 * format evshard writes. The image is read with the JDK's ImageIO (PNG, JPEG, BMP, GIF), converted to grey levels
 * and, with {@code --sensor}, scaled to the sensor.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Turn a still image into an event recording by simulated saccades (as N-MNIST was recorded).",
        "Output format from OUT's extension (.bin, .npy, .raw, .aedat4, .dat) or --to."})
public final class SimulateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IMAGE", description = "PNG, JPEG, BMP or GIF image")
  Path image;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "recording to write")
  Path output;

  @Option(names = "--overwrite", description = "replace OUT when it exists")
  boolean overwrite;

  @Option(names = "--to", paramLabel = "FORMAT", description = "output format (default: from OUT's extension)")
  String to;

  @Option(names = "--sensor", paramLabel = "WxH", description = "scale the image to this sensor (default: its size)")
  String sensor;

  @Option(names = "--seed", defaultValue = "0",
      description = "seed of the event times within each step and of the noise (the saccade path is fixed; default: 0)")
  long seed;

  @Option(names = "--noise-rate", defaultValue = "0", paramLabel = "HZ",
      description = "background noise events per pixel per second (default: 0)")
  double noiseRate;

  @Override
  public Integer call() throws Exception {
    EventFormat target;
    try {
      target = to != null ? EventFormats.defaults().byName(to)
          : CliFormats.byExtension(output.getFileName().toString());
    } catch (org.evshard.io.error.UnsupportedFormatException unknown) { // listing formats simulate cannot write
      if (to == null) {
        throw unknown;
      }
      throw new IllegalArgumentException("unknown format '" + to + "'; simulate writes "
          + String.join(", ", writable(new SensorGeometry(128, 128))));
    }
    if (target == null) {
      throw new IllegalArgumentException("cannot tell the output format from the name " + output.getFileName()
          + "; pass --to FORMAT");
    }
    if (to != null) {
      requireWriter(target, new SensorGeometry(128, 128)); // before advice on the name for a format it cannot write
      OutputFile.requireFits("simulate", output, target);
    }
    if (!(noiseRate >= 0) || Double.isInfinite(noiseRate)) { // NaN fails the first test
      throw new IllegalArgumentException("--noise-rate must be a finite number >= 0 (background events per pixel per "
          + "second), got " + noiseRate);
    }
    OutputFile.check(output, overwrite);
    BufferedImage img = StillImage.read(image);
    if (sensor == null && (img.getWidth() > SensorGeometry.MAX_SIDE || img.getHeight() > SensorGeometry.MAX_SIDE)) {
      throw new IllegalArgumentException(image + " is " + img.getWidth() + "x" + img.getHeight() + " pixels, more "
          + "than a sensor's " + SensorGeometry.MAX_SIDE + " per side; pass --sensor WxH to scale it");
    }
    SensorGeometry g = sensor != null ? SensorGeometry.parse(sensor)
        : new SensorGeometry(img.getWidth(), img.getHeight());
    requireWriter(target, g); // before the simulation, not after seconds of it
    requireHolds(target, g);
    SaccadeSimulator.requireSimulable(g.width(), g.height());
    float[] intensity = grey(img, g.width(), g.height());
    Events events = SaccadeSimulator.simulate(intensity, g.width(), g.height(),
        SaccadeParams.nmnistLike(seed).withNoiseRate(noiseRate));
    AtomicFiles.write(output, out -> {
      try (EventWriter writer = target.openWriter(out, g)
          .orElseThrow(() -> new IllegalArgumentException("evshard cannot write " + target.name() + " files"))) {
        writer.write(events);
      }
    });
    System.out.println("simulated " + events.size() + " events over "
        + (events.size() == 0 ? 0 : events.t()[events.size() - 1] / 1000) + " ms on a " + g + " sensor from " + image
        + " -> " + output + " (" + target.name() + ")");
    return 0;
  }

  /**
   * Refuses a format evshard has no writer for, naming those it has. The probes write to a null stream and are not
   * closed (closing one without events is refused by formats that cannot hold none).
   */
  private static void requireWriter(EventFormat target, SensorGeometry g) throws IOException {
    if (target.openWriter(java.io.OutputStream.nullOutputStream(), g).isPresent()) {
      return;
    }
    throw new IllegalArgumentException("evshard cannot write " + target.name() + " files; simulate writes "
        + String.join(", ", writable(g)));
  }

  /** The formats evshard writes that hold a {@code g} sensor. */
  private static List<String> writable(SensorGeometry g) throws IOException {
    List<String> writable = new java.util.ArrayList<>();
    for (EventFormat f : EventFormats.defaults().all()) {
      if (holds(f, g) == null) {
        writable.add(f.name());
      }
    }
    return writable;
  }

  /**
   * Null when {@code f} has a writer that takes an event at the far corner of {@code g}, else why not: the ATIS
   * {@code .bin} holds coordinates up to 255 only, which failed after the simulation ("event 0: x=11 y=375 outside
   * the format's 0..255", no file, no hint).
   */
  private static String holds(EventFormat f, SensorGeometry g) throws IOException {
    try {
      java.util.Optional<EventWriter> w = f.openWriter(java.io.OutputStream.nullOutputStream(), g);
      if (w.isEmpty()) {
        return "no writer";
      }
      w.get().write(new short[] {(short) (g.width() - 1)}, new short[] {(short) (g.height() - 1)}, new long[] {0},
          new boolean[] {true}, 0, 1);
      return null;
    } catch (RuntimeException cannot) { // a writer that cannot hold this sensor: not one to offer
      return cannot.getMessage() == null ? cannot.toString() : cannot.getMessage();
    }
  }

  private void requireHolds(EventFormat target, SensorGeometry g) throws IOException {
    String why = holds(target, g);
    if (why != null) {
      throw new IllegalArgumentException("cannot write " + output + ": " + target.name() + " cannot hold a " + g
          + " sensor (" + why + "); pass --sensor WxH to scale the image down, or write one of "
          + String.join(", ", writable(g)));
    }
  }

  /**
   * Grey levels in [0, 1] (Rec. 601 weights of the stored sRGB values; a grey image's stored level over its maximum,
   * 8 or 16 bits), transparency laid over white, the image then scaled to {@code w x h} when its size differs.
   * {@code getRGB} on a grey image converted Java's linear grey to sRGB (level 17 read as 0.28, not 0.067), and
   * scaling drew transparent pixels over black while the native size ignored alpha.
   */
  static float[] grey(BufferedImage img, int w, int h) throws IOException {
    BufferedImage src = opaqueRgb(img);
    if (img.getWidth() != w || img.getHeight() != h) {
      BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scaled.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, w, h, null);
      g.dispose();
      src = scaled;
    }
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = src.getRGB(x, y);
        int r = rgb >> 16 & 0xFF;
        int gr = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        out[y * w + x] = (float) ((0.299 * r + 0.587 * gr + 0.114 * b) / 255.0);
      }
    }
    return out;
  }

  /** {@code img} as opaque 8-bit sRGB: stored grey levels kept as they are, alpha composited over white. */
  static BufferedImage opaqueRgb(BufferedImage img) {
    int iw = img.getWidth();
    int ih = img.getHeight();
    BufferedImage rgb = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_RGB);
    java.awt.image.ColorModel cm = img.getColorModel();
    java.awt.image.Raster raster = img.getRaster();
    boolean grey = cm.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
        && !(cm instanceof java.awt.image.IndexColorModel);
    boolean alpha = cm.hasAlpha();
    double greyMax = grey ? (1L << cm.getComponentSize(0)) - 1 : 255;
    double alphaMax = alpha ? (1L << cm.getComponentSize(cm.getNumComponents() - 1)) - 1 : 1;
    for (int y = 0; y < ih; y++) {
      for (int x = 0; x < iw; x++) {
        double r;
        double g;
        double b;
        double a;
        if (grey) {
          r = g = b = raster.getSample(x, y, 0) / greyMax;
          a = alpha ? raster.getSample(x, y, raster.getNumBands() - 1) / alphaMax : 1;
        } else {
          int argb = img.getRGB(x, y);
          r = (argb >> 16 & 0xFF) / 255.0;
          g = (argb >> 8 & 0xFF) / 255.0;
          b = (argb & 0xFF) / 255.0;
          a = alpha ? (argb >>> 24) / 255.0 : 1;
        }
        int ri = (int) Math.round((a * r + (1 - a)) * 255);
        int gi = (int) Math.round((a * g + (1 - a)) * 255);
        int bi = (int) Math.round((a * b + (1 - a)) * 255);
        rgb.setRGB(x, y, ri << 16 | gi << 8 | bi);
      }
    }
    return rgb;
  }
}
