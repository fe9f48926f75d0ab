package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root attributes are read only when they hold one value: an attribute of 3,900 variable-length strings that all
 * refer to one 8 MB string (an 8.5 MB file) was materialised whole, an OutOfMemoryError that ended a whole convert run.
 * File of {@code scripts/MakeHdf5AttributeFixture.py}: 400 references to 256 KiB, about 100-200 MB if read.
 */
class AttributeBoundsTest {

  @Test
  void anArrayAttributeIsNotMaterialised(@TempDir Path tmp) throws IOException {
    Path f = Files.write(tmp.resolve("f.h5"),
        BloscFixtures.resource("attributes/vlen_strings_one_heap_object.h5"));
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    try (Hdf5EventReader r = Hdf5EventReader.open(f, "f.h5", ReadOptions.defaults(), null)) {
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated < 40L << 20, "opening allocated " + (allocated >> 20) + " MiB");
      assertFalse(r.headerFields().containsKey("camera_model"), r.headerFields().toString());
      assertEquals("640x480", r.geometry().orElseThrow().width() + "x" + r.geometry().orElseThrow().height());
      assertEquals(1000, r.readAll(ReadOptions.defaults()).size());
    }
  }
}
