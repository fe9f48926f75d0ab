package org.evshard.pipelines.cli;

import org.evshard.pipelines.EvshardVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code evshard} command line. */
@Command(name = "evshard", mixinStandardHelpOptions = true, versionProvider = EvshardCli.Version.class,
    description = "Event-camera recordings and image corpora to training-ready Parquet / Arrow shards.",
    subcommands = {DecodeCommand.class, InspectCommand.class, RepresentCommand.class, RenderCommand.class,
        ConvertCommand.class, ConvertFileCommand.class, SimulateCommand.class, VerifyCommand.class, DatasetsCommand.class, DemoCommand.class,
        SelectCommand.class, DistillCommand.class, CurateCommand.class,
        CommandLine.HelpCommand.class})
public final class EvshardCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 1 check failed, 2 error). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new EvshardCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("evshard " + cmd.getCommandName() + ": " + describe(e));
      if (System.getenv("EVSHARD_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return 2;
    });
    return cli.execute(args);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.toString() : m;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Prints the build's version. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"evshard " + EvshardVersion.get()};
    }
  }
}
