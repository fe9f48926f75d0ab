package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetsTest {

  @Test
  void knowsTheDatasetsInOrder() {
    assertEquals(List.of("nmnist", "ncaltech101", "dvsgesture", "cifar10dvs", "dailydvs200", "ncars", "folder"),
        Datasets.names());
    assertTrue(Datasets.all().get(0) instanceof NMnist);
    assertTrue(Datasets.all().get(1) instanceof NCaltech101);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nmnist", "NMNIST", " nmnist "})
  void findsByNameIgnoringCaseAndBlanks(String name) {
    assertSame(Datasets.all().get(0), Datasets.byName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"n-mnist", "", "cifar10-dvs"})
  void unknownNamesListTheKnownOnes(String name) {
    UnknownDatasetException e = assertThrows(UnknownDatasetException.class, () -> Datasets.byName(name));
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("nmnist, ncaltech101, dvsgesture"), e.getMessage());
    assertTrue(e instanceof EvshardDatasetException);
  }

  @Test
  void factsArePrintable() {
    for (DatasetDescriptor d : Datasets.all()) {
      assertFalse(d.title().isBlank());
      assertEquals(List.of("publisher", "sensor", "classes", "split", "format", "layout"),
          List.copyOf(d.facts().asMap().keySet()));
    }
    assertEquals("34x34", new NMnist().facts().sensor());
    assertEquals(10, new NMnist().facts().classCount());
    assertEquals(100, new NCaltech101().facts().classCount()); // the publisher's 100 object classes (no Faces)
    assertTrue(new NCaltech101().facts().sensor().contains("240x180"));
    assertEquals("128x128", new DvsGesture().facts().sensor());
    assertEquals(11, new DvsGesture().facts().classCount());
    assertEquals(10, new Cifar10Dvs().facts().classCount());
    assertEquals(200, new DailyDvs200().facts().classCount());
    assertTrue(new DailyDvs200().facts().sensor().startsWith("320x240"));
    assertEquals("120x100", new NCars().facts().sensor());
    assertTrue(new EventFolder().facts().fileFormat().contains(".bin=atis-bin"), new EventFolder().facts().fileFormat());
  }

  @Test
  void optionsAndFactsValidateTheirValues() {
    assertThrows(IllegalArgumentException.class, () -> DiscoveryOptions.defaults().withTestFraction(1.5));
    assertThrows(IllegalArgumentException.class, () -> DiscoveryOptions.defaults().withTestFraction(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> DiscoveryOptions.defaults().withMaxSamples(-1));
    assertThrows(IllegalArgumentException.class, () -> new DatasetFacts("p", "s", -1, "c", "r", "f", "l"));
    assertTrue(new DatasetFacts("p", "s", DatasetFacts.CLASSES_FROM_LAYOUT, "c", "r", "f", "l").asMap().get("classes")
        .startsWith("one per class folder"));
    assertThrows(IllegalArgumentException.class, () -> new DatasetFacts("p", " ", 1, "c", "r", "f", "l"));
    assertEquals(0.2, DiscoveryOptions.defaults().testFraction());
    assertFalse(DiscoveryOptions.defaults().includeBackground());
    assertEquals(0, DiscoveryOptions.defaults().maxSamples());
    assertEquals(0.1, DiscoveryOptions.defaultsFor(new Cifar10Dvs()).testFraction());
    assertEquals(0.2, DiscoveryOptions.defaultsFor(new NCaltech101()).testFraction());
  }
}
