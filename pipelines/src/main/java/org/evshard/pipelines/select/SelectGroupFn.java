package org.evshard.pipelines.select;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.evshard.transforms.select.FeatureMatrix;
import org.evshard.transforms.select.GroupMemory;
import org.evshard.transforms.select.Selection;

/**
 * Runs the selection method on one group: rows sorted by id (so every runner gives the same input to the kernel),
 * the group's memory need checked against the limit first ({@link GroupMemory}: a group that would not fit fails the
 * run with a message naming it, its size and the limit), then one {@link SelectedRow} per chosen row.
 */
final class SelectGroupFn extends DoFn<KV<String, Iterable<FeatureRow>>, SelectedRow> {

  private final SelectionMethod method;
  private final SelectParameters parameters;
  private final long maxGroupBytes;
  private final Counter selected = Metrics.counter(SelectGroupFn.class, "rows_selected");

  SelectGroupFn(SelectionMethod method, SelectParameters parameters, long maxGroupBytes) {
    this.method = method;
    this.parameters = parameters;
    this.maxGroupBytes = maxGroupBytes;
  }

  @ProcessElement
  public void process(@Element KV<String, Iterable<FeatureRow>> group, OutputReceiver<SelectedRow> out) {
    List<FeatureRow> rows = new ArrayList<>();
    group.getValue().forEach(rows::add);
    rows.sort(Comparator.comparing(FeatureRow::id));
    int n = rows.size();
    int d = Math.max(1, rows.get(0).features().length);
    GroupMemory.requireWithin(group.getKey(), n, d, maxGroupBytes);
    String[] ids = new String[n];
    double[] scores = new double[n];
    float[] data = method.needsFeatures() ? new float[n * d] : null;
    for (int i = 0; i < n; i++) {
      FeatureRow r = rows.get(i);
      ids[i] = r.id();
      scores[i] = r.score();
      if (data != null) {
        if (r.features().length != d) {
          throw new IllegalArgumentException("group " + group.getKey() + ": sample " + r.id() + " has "
              + r.features().length + " features, others " + d + " (images of different sizes need pixels:S)");
        }
        System.arraycopy(r.features(), 0, data, i * d, d);
      }
    }
    FeatureMatrix features = data == null ? null : new FeatureMatrix(n, d, data);
    Selection s;
    try {
      s = method.run(ids, features, scores, parameters.budget(n), parameters);
    } catch (org.evshard.transforms.InvalidParameterException e) { // a parameter that does not fit this group's size
      throw new IllegalArgumentException("group " + group.getKey() + " (" + n + " rows): " + e.getMessage()
          + (e.getMessage().startsWith("dq: bins") ? "; give a smaller --dq-bins" : ""), e);
    }
    for (int rank = 0; rank < s.size(); rank++) {
      out.output(new SelectedRow(ids[s.index(rank)], group.getKey(), rank, method.cliName(), s.score(rank)));
    }
    selected.inc(s.size());
  }
}
