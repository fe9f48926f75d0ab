package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.evshard.io.events.Events;
import org.evshard.io.shard.ArrowShardReader;
import org.evshard.io.shard.SampleRow;

/** Reads every Arrow shard of an output folder with full validation, keyed by source. */
final class ArrowShards {

  private ArrowShards() {}

  static Map<String, Events> readAll(Path output) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(output)) {
      files = s.filter(p -> p.toString().endsWith(".arrow")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new AssertionError("no .arrow shard under " + output);
    }
    Map<String, Events> rows = new HashMap<>();
    for (Path f : files) {
      try (ArrowShardReader r = new ArrowShardReader(f)) {
        while (r.hasNext()) {
          SampleRow row = r.next();
          if (rows.put(row.source(), row.events()) != null) {
            throw new AssertionError("source " + row.source() + " appears in two rows");
          }
        }
      }
    }
    return rows;
  }
}
