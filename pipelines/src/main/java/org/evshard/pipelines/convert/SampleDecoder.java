package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.SampleRow;
import org.evshard.transforms.stats.EventStatistics;

/**
 * Reads one sample's recording into a {@link SampleRow}: the format from the reference (or detected), the geometry
 * from the file, else the dataset, else the events' extent; every event must lie inside it. Content errors are
 * {@link EvshardIoException}s naming the source and byte offset. One instance serves one thread (a DoFn instance): it
 * reuses its read buffer across samples.
 */
public final class SampleDecoder implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String root;
  private final ReadOptions options;
  private transient EventChunk scratch;

  public SampleDecoder(String root, ReadOptions options) {
    this.root = root;
    this.options = options;
  }

  public SampleRow decode(SampleRef ref, SampleInputs inputs) throws IOException {
    Path rootPath = Paths.get(root);
    ReadOptions read = ref.sensor() == null ? options : options.withSensor(ref.sensor());
    Events e;
    SensorGeometry geometry;
    try (InputStream in = inputs.open(rootPath, ref);
        EventReader reader = EventFormats.defaults().open(in, ref.fileName(), ref.source(), ref.format(), read)) {
      if (scratch == null) {
        scratch = new EventChunk(options.chunkSize());
      }
      e = reader.readAll(read, scratch);
      geometry = reader.geometry().orElse(null);
    }
    EventStatistics stats = EventStatistics.of(e);
    if (geometry == null) {
      if (e.isEmpty()) {
        throw new EvshardIoException(ref.source(), -1, "no events and no sensor geometry: cannot size the sample");
      }
      geometry = new SensorGeometry(stats.extentWidth(), stats.extentHeight());
    }
    SampleChecks.requireInside(ref.source(), e, geometry, stats);
    return new SampleRow(ref.sampleId(), ref.dataset(), ref.split(), ref.label(), ref.labelName(), ref.source(),
        geometry.width(), geometry.height(), e);
  }

  public ReadOptions options() {
    return options;
  }

  public String root() {
    return root;
  }
}
