package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.ReadOptions;
import org.evshard.pipelines.demo.DemoCorpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scripts/examples/queries.sql}, statement by statement, on a converted N-MNIST-layout corpus through
 * DuckDB and checks every query's answer against the input recordings, decoded directly. The Python examples beside
 * it need pyarrow (and torch), which the build machine lacks: they are compiled only.
 */
class ConsumerQueriesTest {

  private static final Path QUERIES = Path.of("..", "scripts", "examples", "queries.sql");

  @TempDir
  Path tmp;

  @Test
  void everyExampleQueryAnswersFromTheShards() throws Exception {
    Path input = tmp.resolve("nmnist");
    DemoCorpus.write(input, 2, 1, 0.0, 3);
    Path output = tmp.resolve("out");
    ConvertJob.run(ConvertSettings.of("nmnist", input, output));
    Map<String, Recording> inputs = decodeAll(input);

    List<List<List<String>>> answers = run(output);
    assertEquals(6, answers.size(), "SET plus five queries");

    // 1. samples and events per split and class
    Map<String, long[]> perClass = new TreeMap<>();
    for (Recording r : inputs.values()) {
      long[] c = perClass.computeIfAbsent(r.split + "/" + r.label, k -> new long[2]);
      c[0]++;
      c[1] += r.events.size();
    }
    List<String> q1 = new ArrayList<>();
    perClass.forEach((k, c) -> q1.add(k + " " + c[0] + " " + c[1]));
    List<String> got1 = new ArrayList<>();
    for (List<String> row : answers.get(1)) {
      assertEquals(row.get(1), row.get(2), "label_name of a digit is the digit");
      got1.add(row.get(0) + "/" + row.get(1) + " " + row.get(3) + " " + row.get(4));
    }
    assertEquals(q1, got1);

    // 2. per class: samples, mean events, events per second of recorded time
    Map<String, double[]> rate = new TreeMap<>();
    for (Recording r : inputs.values()) {
      double[] a = rate.computeIfAbsent(r.label, k -> new double[3]);
      long[] t = r.events.t();
      a[0]++;
      a[1] += r.events.size();
      a[2] += t[t.length - 1] - t[0]; // the demo writes time-ordered recordings
    }
    assertEquals(rate.size(), answers.get(2).size());
    for (List<String> row : answers.get(2)) {
      double[] a = rate.get(row.get(0));
      assertEquals((long) a[0], Long.parseLong(row.get(1)));
      assertEquals(a[1] / a[0], Double.parseDouble(row.get(2)), 1e-9);
      assertEquals(a[1] / (a[2] / 1e6), Double.parseDouble(row.get(4)), 1e-6);
    }

    // 3. ON and OFF events per split
    Map<String, long[]> onOff = new TreeMap<>();
    for (Recording r : inputs.values()) {
      long[] c = onOff.computeIfAbsent(r.split, k -> new long[2]);
      for (boolean p : r.events.p()) {
        c[p ? 0 : 1]++;
      }
    }
    List<String> q3 = new ArrayList<>();
    onOff.forEach((split, c) -> q3.add(split + " " + c[0] + " " + c[1]));
    assertEquals(q3, answers.get(3).stream().map(row -> String.join(" ", row)).toList());

    // 4. the first ten events of the sample with the smallest id
    String first = ShardContents.readParquet(output).values().stream()
        .min((a, b) -> a.sampleId().compareTo(b.sampleId())).orElseThrow().source();
    Events e = inputs.get(first).events;
    List<String> q4 = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      q4.add(e.x()[i] + " " + e.y()[i] + " " + e.t()[i] + " " + e.p()[i]);
    }
    assertEquals(q4, answers.get(4).stream().map(row -> String.join(" ", row)).toList());

    // 5. every shard states the schema version and the layout
    List<Path> shards;
    try (Stream<Path> s = Files.walk(output)) {
      shards = s.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
    List<String> versions = answers.get(5).stream()
        .filter(row -> row.get(1).equals("evshard.schema_version") || row.get(1).equals("evshard.layout"))
        .map(row -> row.get(1) + "=" + row.get(2)).toList();
    assertEquals(2 * shards.size(), versions.size(), versions.toString());
    assertTrue(versions.stream().allMatch(v -> v.equals("evshard.schema_version=2") || v.equals("evshard.layout=events")),
        versions.toString());
  }

  @Test
  void thePythonExamplesCompile() throws Exception {
    // skipped only on a machine without python3 outside CI: with CI or EVSHARD_FIXTURES set (.ci/run, the README's
    // test command) it must run
    if (System.getenv("CI") != null || System.getenv("EVSHARD_FIXTURES") != null) {
      assertTrue(pythonAvailable(), "CI or EVSHARD_FIXTURES is set but python3 is missing: the Python examples must "
          + "be compiled in CI");
    }
    Assumptions.assumeTrue(pythonAvailable(), "no python3 on this machine");
    Path out = Files.createTempDirectory(tmp, "pyc");
    for (String name : List.of("read_shards.py", "torch_dataset.py")) {
      Path source = QUERIES.resolveSibling(name);
      Process p = new ProcessBuilder("python3", "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], "
          + "cfile=sys.argv[2], doraise=True)", source.toString(), out.resolve(name + "c").toString())
          .redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), name + ": " + said);
    }
  }

  private static boolean pythonAvailable() {
    try {
      return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (java.io.IOException | InterruptedException e) {
      return false;
    }
  }

  /** Each statement's rows (as strings), after setting {@code shards} to the output's Parquet files. */
  private static List<List<List<String>>> run(Path output) throws Exception {
    StringBuilder sql = new StringBuilder();
    for (String line : Files.readAllLines(QUERIES)) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    List<List<List<String>>> answers = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET VARIABLE shards = '" + output + "/**/*.parquet'");
      for (String statement : sql.toString().split(";\\s*\n")) {
        if (statement.isBlank()) {
          continue;
        }
        List<List<String>> rows = new ArrayList<>();
        if (s.execute(statement)) {
          try (ResultSet rs = s.getResultSet()) {
            ResultSetMetaData m = rs.getMetaData();
            while (rs.next()) {
              List<String> row = new ArrayList<>();
              for (int i = 1; i <= m.getColumnCount(); i++) {
                row.add(rs.getString(i));
              }
              rows.add(row);
            }
          }
        }
        answers.add(rows);
      }
    }
    return answers;
  }

  private record Recording(String split, String label, Events events) {}

  /** Every recording of the N-MNIST layout, keyed by its path relative to the root ('/'). */
  private static Map<String, Recording> decodeAll(Path root) throws Exception {
    Map<String, Recording> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().endsWith(".bin")).toList();
    }
    for (Path f : files) {
      Path rel = root.relativize(f);
      String split = rel.getName(0).toString().toLowerCase(java.util.Locale.ROOT);
      try (var r = EventFormats.defaults().open(f, "atis-bin", ReadOptions.defaults())) {
        out.put(rel.toString().replace('\\', '/'),
            new Recording(split, rel.getName(1).toString(), r.readAll(ReadOptions.defaults())));
      }
    }
    return out;
  }
}
