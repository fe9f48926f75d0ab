package org.evshard.datasets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a dataset is, as data a user can print ({@code evshard datasets}).
 *
 * @param publisher who published it and what to cite
 * @param sensor sensor geometry as text, e.g. {@code 34x34} or {@code per sample, at most 240x180}
 * @param classCount number of classes a default discovery yields, or {@link #CLASSES_FROM_LAYOUT} when the input's
 *     layout decides (a generic folder of class folders)
 * @param classNames the class names, or a short description of them
 * @param splitRule how samples are assigned to splits
 * @param fileFormat file format and event format registry name
 * @param layout the expected layout of the input root
 */
public record DatasetFacts(
    String publisher,
    String sensor,
    int classCount,
    String classNames,
    String splitRule,
    String fileFormat,
    String layout) {

  /** {@link #classCount()} of a dataset whose classes are whatever the input's folders are. */
  public static final int CLASSES_FROM_LAYOUT = 0;

  public DatasetFacts {
    requireText("publisher", publisher);
    requireText("sensor", sensor);
    requireText("classNames", classNames);
    requireText("splitRule", splitRule);
    requireText("fileFormat", fileFormat);
    requireText("layout", layout);
    if (classCount < 0) {
      throw new IllegalArgumentException("dataset fact 'classCount' must be >= 0, got " + classCount);
    }
  }

  private static void requireText(String fact, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("dataset fact '" + fact + "' must not be null or blank");
    }
  }

  /** The facts as ordered label/value pairs, for printing. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("publisher", publisher);
    m.put("sensor", sensor);
    m.put("classes", (classCount == CLASSES_FROM_LAYOUT ? "one per class folder" : Integer.toString(classCount))
        + " (" + classNames + ")");
    m.put("split", splitRule);
    m.put("format", fileFormat);
    m.put("layout", layout);
    return m;
  }
}
