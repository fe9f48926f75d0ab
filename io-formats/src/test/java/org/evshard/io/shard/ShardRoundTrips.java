package org.evshard.io.shard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes rows into one shard of a layout with small batches and row groups, and reads them back. */
final class ShardRoundTrips {

  private ShardRoundTrips() {}

  static ShardWriteOptions options(ShardLayout layout) {
    return ShardWriteOptions.defaults("test-1.0").withArrowBatch(7, 1 << 20).withParquetRowGroupBytes(1 << 12)
        .withLayout(layout, List.of());
  }

  static List<SampleRow> roundTrip(ShardFormat f, Path file, List<SampleRow> rows, ShardLayout layout) {
    try (ShardWriter w = f.newWriter(file, options(layout))) {
      rows.forEach(w::write);
    }
    List<SampleRow> out = new ArrayList<>();
    try (ShardReader r = f.openReader(file)) {
      r.forEachRemaining(out::add);
    }
    return out;
  }
}
