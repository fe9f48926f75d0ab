package org.evshard.pipelines.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.transforms.frame.PreviewImage;
import org.evshard.transforms.stats.EventStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evshard inspect FILE}: what a recording holds, and optionally a picture of it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print format, geometry, event count, duration, event rate and ON/OFF ratio of a recording.")
public final class InspectCommand implements Callable<Integer> {

  /** Previews are scaled up (nearest neighbour) until their longer side reaches this. */
  static final int PREVIEW_MIN_SIDE = 256;

  @Parameters(index = "0", paramLabel = "FILE", description = "recording to inspect")
  Path file;

  @Option(names = "--format", paramLabel = "F", description = "format name (default: detected)")
  String format;

  @Option(names = "--sensor", paramLabel = "WxH", description = "sensor geometry when the file does not state it")
  String sensor;

  @Option(names = "--preview", paramLabel = "OUT.png",
      description = "write an accumulated event image (ON blue, OFF red) as PNG")
  Path preview;

  @Override
  public Integer call() throws Exception {
    ReadOptions options = ReadOptions.defaults();
    if (sensor != null) {
      options = options.withSensor(SensorGeometry.parse(sensor));
    }
    Events events;
    String formatName;
    Optional<SensorGeometry> stated;
    try (EventReader reader = EventFormats.defaults().open(file, format, options)) {
      formatName = reader.formatName();
      events = reader.readAll(options);
      stated = reader.geometry();
    }
    EventStatistics s = EventStatistics.of(events);
    SensorGeometry geometry = stated.orElse(s.count() > 0 ? new SensorGeometry(s.extentWidth(), s.extentHeight())
        : null);
    String geometrySource = stated.isPresent() ? (sensor != null ? "given" : "from the file")
        : "not stated; extent of the events";
    System.out.println("file:        " + file);
    System.out.println("format:      " + formatName);
    System.out.println("geometry:    " + (geometry == null ? "unknown" : geometry) + " (" + geometrySource + ")");
    System.out.println("events:      " + s.count());
    System.out.printf(Locale.ROOT, "time:        %d .. %d us (duration %.6f s)%s%n", s.tMin(), s.tMax(),
        s.durationMicros() / 1e6, s.monotonic() ? "" : " [timestamps not monotonic]");
    System.out.printf(Locale.ROOT, "event rate:  %.1f events/s%n", s.eventRate());
    System.out.printf(Locale.ROOT, "polarity:    %d ON, %d OFF (ON/OFF ratio %.3f)%n", s.on(), s.off(),
        s.onOffRatio());
    if (s.count() > 0) {
      System.out.println("x range:     " + s.minX() + " .. " + s.maxX() + ", y range: " + s.minY() + " .. "
          + s.maxY());
    }
    if (preview != null) {
      if (geometry == null) {
        throw new IllegalArgumentException("no events and no geometry: nothing to preview");
      }
      writePng(PreviewImage.render(events, geometry), geometry, preview);
      System.out.println("preview:     " + preview + " (ON blue, OFF red)");
    }
    return 0;
  }

  static void writePng(int[] rgb, SensorGeometry g, Path out) throws IOException {
    int scale = Math.max(1, (PREVIEW_MIN_SIDE + Math.max(g.width(), g.height()) - 1)
        / Math.max(g.width(), g.height()));
    BufferedImage img = new BufferedImage(g.width() * scale, g.height() * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, rgb[(y / scale) * g.width() + x / scale]);
      }
    }
    if (!ImageIO.write(img, "png", out.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }
}
