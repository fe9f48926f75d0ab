package org.evshard.io.hdf5;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Blosc test resources written by {@code scripts/MakeBloscFixtures.py} with python-blosc (c-blosc 1.21) and
 * h5py's HDF5 Blosc filter, not by evshard: raw chunks listed in {@code blosc/chunks/chunks.tsv}, whose uncompressed
 * bytes {@link #content} recomputes from the same closed formulas as the script.
 */
final class BloscFixtures {

  static final String DIR = "blosc/";

  private BloscFixtures() {}

  /** One line of chunks.tsv: a chunk file and how its bytes were made. */
  record Chunk(String file, String formula, int bytes, int typesize, int forcedBlocksize, int clevel, String codec,
      String shuffle) {
    byte[] compressed() {
      return resource(DIR + "chunks/" + file);
    }

    byte[] expected() {
      return content(formula, bytes, typesize);
    }

    @Override
    public String toString() {
      return file;
    }
  }

  static List<Chunk> chunks() {
    String tsv = new String(resource(DIR + "chunks/chunks.tsv"), StandardCharsets.UTF_8);
    List<Chunk> out = new ArrayList<>();
    for (String line : tsv.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      out.add(new Chunk(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
          Integer.parseInt(f[5]), f[6], f[7]));
    }
    return out;
  }

  /** The chunks of the codecs evshard decodes (all but snappy). */
  static List<Chunk> decodable() {
    return chunks().stream().filter(c -> !c.codec().equals("snappy")).toList();
  }

  static Chunk named(String file) {
    return chunks().stream().filter(c -> c.file().equals(file)).findFirst().orElseThrow();
  }

  /** The script's {@code content(formula, nbytes, typesize)}. */
  static byte[] content(String formula, int nbytes, int typesize) {
    byte[] b = new byte[nbytes];
    switch (formula) {
      case "mixed" -> {
        for (int k = 0; k < nbytes; k++) {
          long i = k / typesize;
          long v = 3 * i + 40000 * (i / 300) + (i % 4 == 0 ? (i * i) % 97 : 0);
          b[k] = (byte) (v >>> (8 * (k % typesize))); // little-endian, cut to typesize bytes
        }
      }
      case "zeros" -> {
        for (int k = 0; k < nbytes; k += 1000) {
          b[k] = (byte) (k % 251);
        }
      }
      case "period20000" -> {
        for (int k = 0; k < nbytes; k++) {
          b[k] = (byte) (((k % 20000) * 2654435761L) >>> 13);
        }
      }
      default -> throw new IllegalArgumentException(formula);
    }
    return b;
  }

  static byte[] resource(String name) {
    try (InputStream in = BloscFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name + " (scripts/MakeBloscFixtures.py)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
