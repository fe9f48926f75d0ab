package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunks the file never wrote, on jhdf's readers (the byte path refused them already): HDF5 reads them as the fill
 * value, which gave made-up events (x = y = t = 0) for a big-endian CD dataset and a million made-up triggers from a
 * 63 KB Metavision file. Files of {@code scripts/MakeHdf5UnwrittenChunkFixtures.py} (h5py).
 */
class UnwrittenChunksTest {

  @ParameterizedTest
  @ValueSource(ints = {1000, 4096, 65536})
  void aBigEndianDatasetRefusesItsFirstUnwrittenChunk(int chunk, @TempDir Path tmp) throws IOException {
    Path f = Files.write(tmp.resolve("f.hdf5"), BloscFixtures.resource("metavision/cd_big_endian_unwritten_chunks.hdf5"));
    ReadOptions o = ReadOptions.defaults().withChunkSize(chunk);
    try (Hdf5EventReader r = Hdf5EventReader.open(f, "be.hdf5", o, null)) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> r.readAll(o));
      assertEquals("events from 3072 on: chunk 3 of /CD/events (from element 3072) is not in the file (the "
          + "dataspace claims 10000 events; HDF5 would read the missing ones as fill values, events that were never "
          + "recorded): a recording not closed properly, or a damaged file", e.reason());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 65536})
  void unwrittenTriggerChunksAreRefusedNotReadAsFillValues(int chunk, @TempDir Path tmp) throws IOException {
    Path f = Files.write(tmp.resolve("f.hdf5"), BloscFixtures.resource("metavision/triggers_unwritten_chunks.hdf5"));
    ReadOptions o = ReadOptions.defaults().withChunkSize(chunk);
    try (Hdf5EventReader r = Hdf5EventReader.open(f, "triggers.hdf5", o, null)) {
      EventChunk c = new EventChunk(chunk);
      long[] seen = {0, 0};
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> {
        while (r.nextChunk(c)) {
          seen[0] += c.size();
          seen[1] += r.triggers().size();
        }
      });
      assertEquals("external triggers from 1024 on: chunk 1 of /EXT_TRIGGER/events (from element 1024) is not in the "
          + "file (the dataspace claims 100000 external triggers; HDF5 would read the missing ones as fill values, "
          + "external triggers that were never recorded): a recording not closed properly, or a damaged file", e.reason());
      assertTrue(seen[1] <= 1024, "no made-up trigger was handed out: " + seen[1]);
    }
  }
}
