package org.evshard.datasets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.io.Fixtures;
import org.evshard.datasets.StratifiedHashSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

  @TempDir
  Path root;

  private void touch(String rel) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  @Test
  void theRealCifarFixtureReadsWithItsSplitFolder() throws Exception {
    Path cifar = Fixtures.root().resolve("fixtures/images/cifar10");
    ImageDiscovery d = new ImageFolder().discover(cifar, DiscoveryOptions.defaults());
    assertEquals(50, d.sources().size());
    assertTrue(d.sources().stream().allMatch(s -> s.split().equals("train")));
    Map<String, Integer> labels = d.sources().stream().collect(Collectors.toMap(ImageSourceRef::labelName,
        ImageSourceRef::label, (a, b) -> a));
    assertEquals(Map.of("airplane", 0, "automobile", 1, "bird", 2, "cat", 3, "deer", 4, "dog", 5, "frog", 6,
        "horse", 7, "ship", 8, "truck", 9), labels);
    assertEquals("image-folder/train/bird/0000", d.sources().get(10).id());
    assertEquals("train/bird/0000.jpg", d.sources().get(10).path());
  }

  @Test
  void caltechLayoutIsSplitByHashAndLeavesBackgroundOut() throws Exception {
    for (int i = 1; i <= 10; i++) {
      touch(String.format("101_ObjectCategories/accordion/image_%04d.jpg", i));
    }
    touch("101_ObjectCategories/BACKGROUND_Google/image_0001.jpg");
    touch("101_ObjectCategories/ant/image_0001.jpg");
    touch("101_ObjectCategories/ant/Thumbs.db");
    ImageDiscovery d = new ImageFolder().discover(root, DiscoveryOptions.defaults());
    assertEquals(11, d.sources().size());
    List<String> names = java.util.stream.IntStream.rangeClosed(1, 10)
        .mapToObj(i -> String.format("image_%04d.jpg", i)).toList();
    var test = new StratifiedHashSplit(0.2).testNames(names);
    assertEquals(2, test.size());
    for (ImageSourceRef s : d.sources()) {
      if (s.labelName().equals("accordion")) {
        String file = s.path().substring(s.path().lastIndexOf('/') + 1);
        assertEquals(test.contains(file) ? "test" : "train", s.split(), s.id());
        assertEquals(0, s.label());
      } else {
        assertEquals("ant", s.labelName());
        assertEquals(1, s.label());
      }
    }
    assertEquals("image-folder/accordion/image_0001", d.sources().get(0).id());
    assertEquals(List.of("101_ObjectCategories/BACKGROUND_Google/", "101_ObjectCategories/ant/Thumbs.db"),
        d.ignored());
    ImageDiscovery withBackground = new ImageFolder().discover(root,
        DiscoveryOptions.defaults().withIncludeBackground(true));
    assertEquals(12, withBackground.sources().size());
    assertEquals(List.of("BACKGROUND_Google", "accordion", "ant"), withBackground.sources().stream()
        .map(ImageSourceRef::labelName).distinct().sorted().toList());
    // the object classes keep their labels; the background comes last, as in N-Caltech101
    for (ImageSourceRef s : withBackground.sources()) {
      int want = switch (s.labelName()) {
        case "accordion" -> 0;
        case "ant" -> 1;
        default -> 2;
      };
      assertEquals(want, s.label(), s.id());
    }
  }
}
