package org.evshard.pipelines.select;

import java.io.Serializable;

/**
 * How rows are grouped before selection, each group selected on its own (in parallel, after a {@code GroupByKey}):
 * {@code label} (split and label name; the default), {@code split} (one group per split), or {@code kmeans:K}
 * (split and nearest of K seeded k-means centroids fitted on a seeded sample of the features: for unlabelled pools).
 */
public record Grouping(Kind kind, int clusters) implements Serializable {

  /** The grouping families. */
  public enum Kind { LABEL, SPLIT, KMEANS }

  public Grouping {
    if (kind == Kind.KMEANS ? clusters < 1 : clusters != 0) {
      throw new IllegalArgumentException("kmeans needs K >= 1 clusters, other groupings none; got " + kind + " "
          + clusters);
    }
  }

  public static Grouping parse(String spec) {
    String s = spec.trim();
    if (s.equals("label")) {
      return new Grouping(Kind.LABEL, 0);
    }
    if (s.equals("split")) {
      return new Grouping(Kind.SPLIT, 0);
    }
    if (s.startsWith("kmeans:")) {
      try {
        return new Grouping(Kind.KMEANS, Integer.parseInt(s.substring(7)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad grouping '" + spec + "': K must be an integer", e);
      }
    }
    throw new IllegalArgumentException("unknown grouping '" + spec + "'; one of label, split, kmeans:K");
  }

  /** The group of a row without clustering. */
  String groupOf(FeatureRow row) {
    return kind == Kind.LABEL ? row.split() + "/" + row.labelName() : row.split();
  }

  @Override
  public String toString() {
    return kind == Kind.KMEANS ? "kmeans:" + clusters : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
