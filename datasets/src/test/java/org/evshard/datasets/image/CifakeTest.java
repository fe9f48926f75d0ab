package org.evshard.datasets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evshard.datasets.DatasetLayoutException;
import org.evshard.datasets.DiscoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CifakeTest {

  @TempDir
  Path root;

  private void touch(String rel) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  @Test
  void labelsSplitsAndCifarClassesFollowTheLayout() throws Exception {
    touch("train/REAL/0000.jpg");
    touch("train/REAL/0000 (2).jpg");
    touch("train/REAL/0000 (10).jpg");
    touch("train/FAKE/12 (4).jpg");
    touch("test/FAKE/5.jpg");
    touch("test/FAKE/notes.txt");
    touch("test/OTHER/1.jpg");
    touch("README.md");
    ImageDiscovery d = new Cifake().discover(root, DiscoveryOptions.defaults());
    List<ImageSourceRef> s = d.sources();
    assertEquals(List.of("cifake/test/FAKE/5", "cifake/train/FAKE/12 (4)", "cifake/train/REAL/0000",
        "cifake/train/REAL/0000 (10)", "cifake/train/REAL/0000 (2)"), s.stream().map(ImageSourceRef::id).toList());
    assertEquals(List.of("test", "train", "train", "train", "train"), s.stream().map(ImageSourceRef::split).toList());
    assertEquals(List.of(0, 0, 1, 1, 1), s.stream().map(ImageSourceRef::label).toList());
    assertEquals(List.of("FAKE", "FAKE", "REAL", "REAL", "REAL"), s.stream().map(ImageSourceRef::labelName).toList());
    assertEquals(List.of("0", "3", "0", "9", "1"),
        s.stream().map(r -> r.attributes().get(Cifake.ATTR_CLASS)).toList());
    assertEquals("truck", s.get(3).attributes().get(Cifake.ATTR_CLASS_NAME));
    assertEquals("train/REAL/0000 (10).jpg", s.get(3).path());
    assertEquals(List.of("README.md", "test/FAKE/notes.txt", "test/OTHER/"), d.ignored());
  }

  @ParameterizedTest
  @CsvSource({"0000 (1).jpg", "0000 (11).jpg", "abc.jpg", "0000 (2)x.jpg", "1 (99999999999).jpg"})
  void namesOutsideTheConventionGetNoCifarClass(String name) {
    assertEquals(Map.of(), Cifake.cifar10Class(name));
  }

  @Test
  void aRootWithoutSplitsIsALayoutError() throws Exception {
    touch("REAL/1.jpg");
    DatasetLayoutException e = assertThrows(DatasetLayoutException.class,
        () -> new Cifake().discover(root, DiscoveryOptions.defaults()));
    assertEquals(true, e.getMessage().contains("train|test/REAL|FAKE"), e.getMessage());
  }
}
