package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
import org.evshard.io.file.FileStamp;

/**
 * Stamps every discovered sample with the size and modification time of its file (the zip for an archive member) as
 * the run lists it, so that a recording cut, grown or replaced before a worker reads it is rejected instead of
 * decoded as it happens to be (a conversion started while {@code unzip} or {@code cp} still writes the input). The
 * files are asked on all cores, each once however many samples it holds; one that cannot be asked stays unstamped
 * and is rejected with its own reason when it is read.
 */
final class ListingStamps {

  private ListingStamps() {}

  static List<SampleRef> stamp(Path root, List<SampleRef> refs) {
    Map<String, FileStamp> byFile = new ConcurrentHashMap<>();
    SampleRef[] stamped = new SampleRef[refs.size()];
    IntStream.range(0, refs.size()).parallel().forEach(i -> {
      SampleRef ref = refs.get(i);
      String file = ref.inArchive() ? ref.archive() : ref.source();
      FileStamp s = byFile.computeIfAbsent(file, f -> {
        try {
          return SampleInputs.stampOf(root, ref);
        } catch (IOException | RuntimeException e) {
          return null; // computeIfAbsent keeps no entry: asked again for the file's next sample, as before
        }
      });
      stamped[i] = s == null ? ref : ref.stamped(s);
    });
    return Arrays.asList(stamped);
  }
}
