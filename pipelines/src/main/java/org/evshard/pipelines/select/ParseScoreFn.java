package org.evshard.pipelines.select;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * One line of a {@code --scores} CSV, {@code sample_id,score} (the last comma splits, so ids may hold commas; a
 * header line {@code sample_id,score} and blank lines are skipped). A malformed line fails the run naming it.
 */
final class ParseScoreFn extends DoFn<String, KV<String, Double>> {

  @ProcessElement
  public void process(@Element String line, OutputReceiver<KV<String, Double>> out) {
    String l = line.strip();
    if (l.isEmpty() || l.equals("sample_id,score")) {
      return;
    }
    int comma = l.lastIndexOf(',');
    if (comma <= 0) {
      throw new IllegalArgumentException("--scores: expected 'sample_id,score', got '" + line + "'");
    }
    double score;
    try {
      score = Double.parseDouble(l.substring(comma + 1).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--scores: bad score in '" + line + "'", e);
    }
    if (!Double.isFinite(score)) { // named by its line here: ccs could only name a row inside its group
      throw new IllegalArgumentException("--scores: the score in '" + line + "' is not a finite number");
    }
    out.output(KV.of(l.substring(0, comma), score));
  }
}
