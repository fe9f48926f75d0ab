package org.evshard.pipelines.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.evshard.datasets.DatasetDescriptor;
import org.evshard.datasets.Datasets;
import picocli.CommandLine.Command;

/** {@code evshard datasets}: the corpora evshard knows, with their facts. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "List the supported corpora.")
public final class DatasetsCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    for (DatasetDescriptor d : Datasets.all()) {
      System.out.println(d.name() + "  " + d.title());
      for (Map.Entry<String, String> fact : d.facts().asMap().entrySet()) {
        System.out.printf("    %-10s %s%n", fact.getKey() + ":", fact.getValue());
      }
      System.out.println();
    }
    return 0;
  }
}
