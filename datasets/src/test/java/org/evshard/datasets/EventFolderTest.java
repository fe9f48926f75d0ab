package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic folder's format choice: an extension one format claims names it, a shared one is left to the header. */
class EventFolderTest {

  @Test
  void anExtensionSeveralFormatsClaimLeavesTheFormatToTheFilesHeader(@TempDir Path root) throws IOException {
    Fixtures.writeFolder(root, List.of("walk/evt2.raw", "walk/evt3.RAW", "walk/a.bin", "run/old.aedat",
        "run/new.aedat3", "run/b.aedat4", "run/c.dat"));
    Discovery found = new EventFolder().discover(root, DiscoveryOptions.defaults().withTestFraction(0.0));
    Map<String, String> formats = new TreeMap<>();
    found.samples().forEach(s -> formats.put(s.sampleId(), String.valueOf(s.format())));
    // .raw: evt2, evt21, evt3; .aedat: aedat2, aedat31 -> null, detected from the header when read
    assertEquals(Map.of("folder/walk/evt2", "null", "folder/walk/evt3", "null", "folder/walk/a", "atis-bin",
        "folder/run/old", "null", "folder/run/new", "aedat31", "folder/run/b", "aedat4", "folder/run/c", "dat"),
        formats);
    assertEquals(List.of(), found.ignored());
  }

  @Test
  void factsNameTheSharedExtensionsAsDetected() {
    EventFolder folder = new EventFolder();
    assertEquals(List.of("evt3", "evt2", "evt21"), folder.extensionMap().get(".raw"));
    assertEquals(List.of("atis-bin"), folder.extensionMap().get(".bin"));
    String format = folder.facts().fileFormat();
    assertTrue(format.contains(".raw=detected from the header (evt3|evt2|evt21)"), format);
    assertTrue(format.contains(".aedat=detected from the header (aedat2|aedat31)"), format);
    assertTrue(format.contains(".bin=atis-bin") && format.contains(".aedat4=aedat4"), format);
  }
}
