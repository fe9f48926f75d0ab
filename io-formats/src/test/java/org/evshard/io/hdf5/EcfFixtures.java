package org.evshard.io.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.events.Events;
import org.evshard.io.npy.NpyEvents;

/** The ECF test resources written by h5py and Prophesee's ECF plugin ({@code scripts/MakeEcfFixtures.py}). */
final class EcfFixtures {

  static final String DIR = "ecf/";
  static final String MIXED = "cd_ecf.hdf5";
  static final String CHUNK1001 = "cd_ecf_chunk1001.hdf5";
  /** Events per chunk of {@link #MIXED}'s CD/events, and its chunk count (the last one padded). */
  static final int MIXED_CHUNK = 4096;
  static final int MIXED_CHUNKS = 6;

  private EcfFixtures() {}

  /** Resource {@code name} of {@link #DIR} copied to {@code tmp}. */
  static Path file(String name, Path tmp) throws IOException {
    Path f = tmp.resolve(Path.of(name).getFileName().toString());
    return Files.write(f, BloscFixtures.resource(DIR + name));
  }

  /** A raw chunk of {@link #MIXED} as HDF5 stores it. */
  static byte[] chunk(int k) {
    return BloscFixtures.resource(DIR + "chunks/" + MIXED + "." + k + ".ecf");
  }

  /** The events h5py decoded through Prophesee's plugin ({@code <file>.ref.npy}, Tonic's dtype). */
  static Events reference(String name, Path tmp) throws IOException {
    return NpyEvents.read(file(name + ".ref.npy", tmp));
  }

  /** Chunk {@code k} as Prophesee's decoder decodes it whole: a slice of the reference, or the padded last chunk. */
  static Events chunkReference(int k, Path tmp) throws IOException {
    if (k == MIXED_CHUNKS - 1) {
      return NpyEvents.read(file("chunks/" + MIXED + "." + k + ".npy", tmp));
    }
    return reference(MIXED, tmp).slice(k * MIXED_CHUNK, (k + 1) * MIXED_CHUNK);
  }
}
