package org.evshard.pipelines.curate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.evshard.io.datacomp.UidSubset;
import org.evshard.io.file.AtomicFiles;

/** Writes chosen DataComp uids as the subset file DataComp's {@code resharder.py} reads ({@link UidSubset}). */
public final class UidSubsetFile {

  private UidSubsetFile() {
  }

  /** The ids (32-hex-digit uids, else the write fails naming the id) as a sorted {@code u8,u8} {@code .npy}. */
  public static void write(Path file, List<String> ids) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    UidSubset subset = UidSubset.of(ids);
    AtomicFiles.write(file, subset::write); // complete or not at all, as the one-file commands write
  }
}
