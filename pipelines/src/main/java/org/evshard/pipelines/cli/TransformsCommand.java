package org.evshard.pipelines.cli;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.evshard.transforms.spec.ParamDef;
import org.evshard.transforms.spec.TransformDef;
import org.evshard.transforms.spec.TransformRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code evshard transforms [NAME]}: the transform specs {@code --transform} takes, with their parameters. */
@Command(name = "transforms", mixinStandardHelpOptions = true,
    description = {"List the transforms --transform takes (Tonic's names and parameters): what each yields, its "
        + "usage line and its parameters. Details per transform: docs/TRANSFORMS.md."})
public final class TransformsCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "only this transform")
  String name;

  @Override
  public Integer call() {
    Collection<TransformDef> defs = name == null ? TransformRegistry.all() : List.of(TransformRegistry.lookup(name));
    for (TransformDef d : defs) {
      System.out.println(d.usage());
      System.out.println("    " + d.summary() + " [" + d.output().name().toLowerCase(Locale.ROOT) + "]");
      for (ParamDef p : d.params()) {
        System.out.printf("    %-20s %s%n", p.name(), p.doc());
      }
      System.out.println();
    }
    return 0;
  }
}
