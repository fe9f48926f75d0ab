package org.evshard.pipelines.distill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What distillation did for one class: its real image count, the ids of the real images the synthetic ones started
 * from, and the loss curve. {@code lossFirst[k]} / {@code lossLast[k]}: the loss under net {@code k} at the first and
 * at the last iteration that used it (iterations cycle through the nets, and each net has its own scale, so the
 * per-net pair is the comparable one). One JSON line per class between the pipeline and the manifest.
 */
record ClassReport(String labelName, int label, long realImages, List<String> initIds, double[] lossFirst,
    double[] lossLast, double[] losses) implements Serializable {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Points of the loss curve kept in the manifest, at most. */
  static final int CURVE_POINTS = 100;

  /** By content, as Beam's {@code SerializableCoder} assumes of its values. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ClassReport r && labelName.equals(r.labelName) && label == r.label
        && realImages == r.realImages && initIds.equals(r.initIds) && java.util.Arrays.equals(lossFirst, r.lossFirst)
        && java.util.Arrays.equals(lossLast, r.lossLast) && java.util.Arrays.equals(losses, r.losses);
  }

  @Override
  public int hashCode() {
    return labelName.hashCode() * 31 + java.util.Arrays.hashCode(losses);
  }

  String toJsonLine() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode class report", e);
    }
  }

  static ClassReport fromJsonLine(String line) {
    try {
      return JSON.readValue(line, ClassReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot decode class report " + line, e);
    }
  }

  /** The manifest entry: counts, the per-net first and last losses and the curve at most {@value CURVE_POINTS} points. */
  Map<String, Object> toManifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("label_name", labelName);
    m.put("real_images", realImages);
    m.put("init_sample_ids", initIds);
    m.put("loss_first_per_net", lossFirst);
    m.put("loss_last_per_net", lossLast);
    int every = Math.max(1, (losses.length + CURVE_POINTS - 1) / CURVE_POINTS);
    List<double[]> curve = new ArrayList<>();
    for (int i = 0; i < losses.length; i += every) {
      curve.add(new double[] {i, losses[i]});
    }
    if ((losses.length - 1) % every != 0) {
      curve.add(new double[] {losses.length - 1, losses[losses.length - 1]});
    }
    m.put("loss_curve", curve);
    return m;
  }
}
