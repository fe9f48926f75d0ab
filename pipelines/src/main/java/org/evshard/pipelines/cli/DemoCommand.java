package org.evshard.pipelines.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.evshard.io.events.Events;
import org.evshard.io.shard.ShardFormat;
import org.evshard.pipelines.convert.ConvertJob;
import org.evshard.pipelines.convert.ConvertResult;
import org.evshard.pipelines.convert.ConvertSettings;
import org.evshard.pipelines.demo.DemoCorpus;
import org.evshard.transforms.frame.PreviewImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evshard demo}: makes a small N-MNIST-format corpus with evshard's own saccade simulator and {@code .bin}
 * writer, converts it to shards, verifies them, and says how to read them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Make a small N-MNIST-format corpus, convert it to shards, verify them.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--dir", paramLabel = "DIR", description = "work folder (default: a new temporary folder)")
  Path dir;

  @Option(names = "--train-per-class", defaultValue = "20", description = "recordings per digit in Train (default: ${DEFAULT-VALUE})")
  int trainPerClass;

  @Option(names = "--test-per-class", defaultValue = "5", description = "recordings per digit in Test (default: ${DEFAULT-VALUE})")
  int testPerClass;

  @Option(names = "--shard-format", defaultValue = "parquet", paramLabel = "parquet|arrow",
      description = "shard file format (default: ${DEFAULT-VALUE})")
  String shardFormat;

  @Option(names = "--seed", defaultValue = "1", description = "seed of the generated corpus (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (trainPerClass < 0 || testPerClass < 0 || trainPerClass + testPerClass == 0) {
      throw new IllegalArgumentException("--train-per-class and --test-per-class must be >= 0 and not both 0, got "
          + trainPerClass + " and " + testPerClass);
    }
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("evshard-demo-");
    Path corpus = work.resolve("nmnist");
    Path shards = work.resolve("shards");
    if (Files.exists(corpus)) {
      throw new IllegalArgumentException(corpus + " exists already; choose an empty --dir");
    }
    System.out.println("1/3 writing an N-MNIST-format corpus (" + (trainPerClass + testPerClass) * 10
        + " saccade recordings of rendered digits, 34x34 ATIS .bin) to " + corpus);
    DemoCorpus.Written w = DemoCorpus.write(corpus, trainPerClass, testPerClass, 0.2, seed);
    System.out.printf(Locale.ROOT, "    %d recordings, %d events%n", w.recordings(), w.events());
    Events first = DemoCorpus.recording(0, seed * 1_000_003L, 0.2);
    Path preview = work.resolve("preview-digit0.png");
    InspectCommand.writePng(PreviewImage.render(first, DemoCorpus.SENSOR), DemoCorpus.SENSOR, preview);

    System.out.println("2/3 converting with the DirectRunner to " + shards);
    ShardFormat format = ShardFormat.fromName(shardFormat.toLowerCase(Locale.ROOT));
    ConvertResult r = ConvertJob.run(ConvertSettings.of("nmnist", corpus, shards).withShardFormat(format)
        .withProgress(StderrTerminal.isTerminal()).withBeamArgs(List.of()));
    ConvertCommand.report(r);

    System.out.println("3/3 verifying sha256 and row counts against the manifest");
    int verified = VerifyCommand.verify(shards, System.out);
    if (verified != 0) {
      return verified;
    }
    System.out.println();
    System.out.println("Shards: " + shards + "/{train,test}/part-*" + format.extension());
    System.out.println("Preview of a recording: " + preview);
    System.out.println("Read them (docs/SHARDS.md has more):");
    if (format == ShardFormat.PARQUET) {
      System.out.println("  python:  import pyarrow.parquet as pq; t = pq.read_table('" + shards + "/train')");
      System.out.println("  duckdb:  SELECT label, count(*), avg(n_events) FROM read_parquet('" + shards
          + "/*/part-*.parquet') GROUP BY label ORDER BY label;");
    } else {
      System.out.println("  python:  import pyarrow as pa; t = pa.ipc.open_file('<shard>.arrow').read_all()");
    }
    System.out.println("  evshard: scripts/evshard verify " + shards);
    return 0;
  }
}
