package org.evshard.pipelines.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.spec.ChainResult;
import org.evshard.transforms.spec.TransformChain;

/**
 * What {@code represent} and {@code render} share: parse {@code --sensor WxHxP} and the chain (before any file is
 * read, so a bad spec fails fast), read one recording in any registered format, apply the chain.
 */
final class TransformInput {

  private TransformInput() {}

  /** {@code WxHxP} (P = 1 or 2) or {@code WxH} (P = 2), Tonic's {@code sensor_size}. */
  static SensorSize parseSensor(String text) {
    String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("--sensor '" + text + "': expected WxHxP, e.g. 34x34x2");
    }
    try {
      int w = Integer.parseInt(parts[0].trim());
      int h = Integer.parseInt(parts[1].trim());
      int p = parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 2;
      return new SensorSize(w, h, p);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--sensor '" + text + "': expected WxHxP with integers, e.g. 34x34x2", e);
    }
  }

  /**
   * Reads {@code file} (format given or detected) and applies {@code chain} with {@code sensor}. A chain that starts
   * with an image coding ({@code rate_code}, {@code latency_code}, {@code saccade}) reads {@code file} as an image
   * (PNG, JPEG, BMP, GIF), in grey levels, scaled to {@code sensor} when given. A recording whose format had to be
   * assumed is warned about on stderr ({@link CliFormats#resolve}), naming {@code command}.
   */
  static ChainResult apply(String command, Path file, String format, SensorSize sensor, TransformChain chain)
      throws IOException {
    if (chain.takesImage()) {
      java.awt.image.BufferedImage img;
      try {
        img = StillImage.read(file);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + "; the chain starts with '" + chain.specs().get(0)
            + "', which codes still images", e);
      }
      int w = sensor != null ? sensor.width() : img.getWidth();
      int h = sensor != null ? sensor.height() : img.getHeight();
      org.evshard.transforms.spike.SaccadeSimulator.requireSimulable(w, h); // every coding works on every pixel
      return chain.applyToImage(SimulateCommand.grey(img, w, h), w, h, sensor != null ? sensor.polarities() : 2, 0);
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (format == null && name.matches(".*\\.(png|jpe?g|bmp|gif|webp|tiff?)")) {
      throw new IllegalArgumentException(file + " is an image, and the chain starts with '" + chain.specs().get(0)
          + "', a step on events: chains on images start with rate_code, latency_code or saccade (or make a "
          + "recording first: evshard simulate IMAGE)");
    }
    long held = OutputBudget.maxHeldEvents();
    ReadOptions options = ReadOptions.defaults().withMaxEvents(Math.min(ReadOptions.DEFAULT_MAX_EVENTS, held));
    if (sensor != null) {
      options = options.withSensor(new SensorGeometry(sensor.width(), sensor.height()));
    }
    Events events;
    SensorGeometry stated; // the file's own, or --sensor's when the file states none
    try (EventReader reader = EventFormats.defaults().open(file, CliFormats.resolve(command, file, format),
        options)) {
      try {
        events = reader.readAll(options);
      } catch (LimitExceededException over) {
        throw reader.countingTheRest(over, new EventChunk(options.chunkSize()));
      }
      stated = reader.geometry().orElse(null);
    } catch (LimitExceededException e) {
      if (e.limit() == held && held < ReadOptions.DEFAULT_MAX_EVENTS) { // the heap's limit, not the default's
        throw new LimitExceededException(e.source(), e.offset(), "event count", e.found(), e.limit(),
            OutputBudget.heldEventsReason(), e.getCause());
      }
      throw e;
    }
    if (sensor == null) { // a file that states its sensor (AEDAT 4.0, EVT, DAT, HDF5, a text header) needs no --sensor
      if (stated == null) {
        throw new IllegalArgumentException("give --sensor WxHxP: " + file + " does not state its sensor size "
            + "(e.g. --sensor 34x34x2)");
      }
      sensor = new SensorSize(stated.width(), stated.height(), 2);
    } else if (stated != null && (stated.width() != sensor.width() || stated.height() != sensor.height())) {
      System.err.println("note: " + file + " states a " + stated.width() + "x" + stated.height() + " sensor; the "
          + "--sensor " + sensor.width() + "x" + sensor.height() + "x" + sensor.polarities() + " given is used");
    }
    // as convert does: a chain of filters alone would otherwise write events off the --sensor it was given (the
    // representations refuse them, each in its own words)
    short[] x = events.x();
    short[] y = events.y();
    for (int i = 0; i < events.size(); i++) {
      if (x[i] < 0 || y[i] < 0 || x[i] >= sensor.width() || y[i] >= sensor.height()) {
        throw new IllegalArgumentException(file + ": event " + i + " at (x=" + x[i] + ", y=" + y[i] + ") lies outside "
            + "the --sensor " + sensor.width() + "x" + sensor.height() + "x" + sensor.polarities()
            + "; give the recording's sensor size");
      }
    }
    return chain.apply(events, sensor);
  }

  static TransformChain parseChain(List<String> specs) {
    if (specs == null || specs.isEmpty()) {
      throw new IllegalArgumentException("give at least one --transform SPEC, e.g. --transform 'frame(n_time_bins=10)'");
    }
    return TransformChain.parse(specs);
  }
}
