package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.evshard.datasets.DatasetDescriptor;
import org.evshard.datasets.Datasets;
import org.junit.jupiter.api.Test;

class DatasetsCommandTest {

  @Test
  void listsEveryRegisteredDatasetWithSensorClassesAndSplitRule() {
    CliOutput r = CliOutput.run("datasets");
    assertEquals(0, r.exitCode, r.err);
    for (DatasetDescriptor d : Datasets.all()) {
      int at = r.out.indexOf(d.name() + "  " + d.title());
      assertTrue(at >= 0, "lists " + d.name() + ": " + r.out);
      int end = r.out.indexOf("\n\n", at);
      String block = r.out.substring(at, end < 0 ? r.out.length() : end);
      assertTrue(block.contains("sensor:    " + d.facts().sensor()), block);
      assertTrue(block.contains("classes:   " + d.facts().asMap().get("classes")), block);
      assertTrue(block.contains("split:     " + d.facts().splitRule()), block);
    }
    for (String name : new String[] {"nmnist", "ncaltech101", "dvsgesture", "cifar10dvs", "dailydvs200", "ncars",
        "folder"}) {
      assertTrue(r.out.contains(name + "  "), name);
    }
  }
}
