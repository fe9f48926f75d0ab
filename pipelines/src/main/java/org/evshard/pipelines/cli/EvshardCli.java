package org.evshard.pipelines.cli;

import java.util.concurrent.Callable;
import org.evshard.pipelines.EvshardVersion;
import org.evshard.pipelines.runner.BeamWarmUp;
import org.evshard.transforms.OutputBudget;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code evshard} command line. */
@Command(name = "evshard", mixinStandardHelpOptions = true, versionProvider = EvshardCli.Version.class,
    description = "Event-camera recordings and image corpora to training-ready Parquet / Arrow shards.",
    subcommands = {DecodeCommand.class, InspectCommand.class, RepresentCommand.class, RenderCommand.class,
        ConvertCommand.class, ConvertFileCommand.class, SimulateCommand.class, VerifyCommand.class, DatasetsCommand.class,
        TransformsCommand.class, DemoCommand.class,
        SelectCommand.class, DistillCommand.class, CurateCommand.class,
        CommandLine.HelpCommand.class})
public final class EvshardCli implements Callable<Integer> {

  /** The commands that run a Beam pipeline. */
  static final java.util.Set<String> PIPELINE_COMMANDS = java.util.Set.of("convert", "curate", "select", "distill",
      "demo");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (args.length > 0 && PIPELINE_COMMANDS.contains(args[0])) {
      BeamWarmUp.start(); // overlaps Beam's option-factory set-up with argument parsing and sample discovery
    }
    System.exit(exitCode(() -> execute(args), System.err));
  }

  /**
   * {@code run}'s exit code, or 2 when it throws. An {@link Error} (an {@link OutOfMemoryError} above all) passes
   * picocli's handler, and without this the JVM would wait for the runner's worker threads forever: a conversion
   * whose main thread ran out of memory printed the error and hung until it was killed.
   */
  static int exitCode(java.util.function.IntSupplier run, java.io.PrintStream err) {
    try {
      return run.getAsInt();
    } catch (Throwable e) {
      try {
        err.println("evshard: " + e + (e instanceof OutOfMemoryError ? "; " + OutputBudget.MORE_HEAP
            : e instanceof StackOverflowError ? ": an input nests or links its structure too deeply to read (a "
                + "crafted or damaged file)"
            : e instanceof InternalError && String.valueOf(e.getMessage()).contains("unsafe memory access")
                ? ": a memory-mapped input (an HDF5 file) was cut or changed while it was read; read it again once "
                    + "it is complete" : ""));
      } catch (Throwable ignored) { // printing may fail as well when the heap is gone; the exit code still tells
      }
      return 2;
    }
  }

  /** Runs the command line and returns its exit code (0 ok, 1 check failed, 2 error). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new EvshardCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("evshard " + cmd.getCommandName() + ": " + CliErrors.describe(e));
      if (System.getenv("EVSHARD_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return 2;
    });
    return cli.execute(args);
  }

  /** No command given: a usage error, as picocli reports one (the usage on stderr, exit 2). */
  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    cli.getErr().println("evshard: missing a command");
    cli.usage(cli.getErr());
    cli.getErr().flush();
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** Prints the build's version, the Java runtime, whether the readers' vector loops run, and what C2 compiles. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"evshard " + EvshardVersion.get(),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
          "vector loops: " + org.evshard.io.vector.VectorKernels.describe(),
          "C2 compiles: " + org.evshard.pipelines.runner.JitScope.describe()};
    }
  }
}
