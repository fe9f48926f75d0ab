package org.evshard.io.tar;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.evshard.io.error.EvshardIoException;

/**
 * The webdataset reader over any bytes (plain or gzip) either returns samples or throws an
 * {@link EvshardIoException}; nothing else escapes, limits hold, and every entry is either delivered or counted.
 */
class WebDatasetReaderFuzzTest {

  @FuzzTest
  void readsAnyBytesAsAShard(byte[] input) throws IOException {
    TarLimits limits = new TarLimits(1 << 16, 1 << 17);
    try (WebDatasetReader r = new WebDatasetReader(new ByteArrayInputStream(input), "fuzz", limits)) {
      long delivered = 0;
      for (Optional<WebDatasetSample> s = r.next(); s.isPresent(); s = r.next()) {
        WebDatasetSample sample = s.get();
        if (sample.totalBytes() > limits.maxSampleBytes() || sample.key().isEmpty()) {
          throw new AssertionError("sample over the limit or without key: " + sample);
        }
        for (TarMember m : sample.members()) {
          if (m.size() > limits.maxEntryBytes() || m.headerOffset() % 512 != 0) {
            throw new AssertionError("bad member " + m);
          }
        }
        delivered += sample.members().size();
      }
      if (delivered + r.skipCounts().total() != r.entriesRead()) {
        throw new AssertionError(delivered + " delivered + " + r.skipCounts() + " != " + r.entriesRead() + " read");
      }
    } catch (EvshardIoException expected) {
      // content error
    }
  }
}
