package org.evshard.datasets.image;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One unit of reading work of an image corpus, as handed to the pipeline: a single image file whose label and split
 * discovery already knows, or a container of many samples (a webdataset tar, an img2dataset shard, a DataComp
 * metadata file) that the reading step opens. Discovery never opens an image.
 *
 * @param id stable id: the sample id for {@link Kind#IMAGE_FILE} ({@code <dataset>/<path without extension>}), the
 *     container's relative path otherwise
 * @param dataset corpus name, e.g. {@code cifake}
 * @param kind what {@code path} is
 * @param path path relative to the input root, {@code /}-separated
 * @param split split of the sample(s); {@code all} when the corpus has none
 * @param label class index of an image file, or null (unlabelled corpora, containers)
 * @param labelName class name, null exactly when {@code label} is
 * @param attributes further per-sample columns (e.g. CIFAKE's CIFAR-10 class), sorted by key, never null
 * @param companions further files of a container, by role (e.g. {@code parquet}, {@code stats}, {@code npz},
 *     {@code shards}), relative paths, sorted by key, never null
 */
public record ImageSourceRef(String id, String dataset, Kind kind, String path, String split, Integer label,
    String labelName, Map<String, String> attributes, Map<String, String> companions) implements Serializable {

  /** What an {@link ImageSourceRef} points at. */
  public enum Kind {
    /** One encoded image (JPEG, PNG, WebP). */
    IMAGE_FILE,
    /** A webdataset tar shard (plain or gzip): samples grouped by key. */
    WEBDATASET_TAR,
    /** One img2dataset {@code files} shard folder ({@code 00000/}). */
    IMG2DATASET_FILES,
    /** One img2dataset {@code parquet} shard: image bytes in a column. */
    IMG2DATASET_PARQUET,
    /** One DataComp pool metadata parquet file (with its {@code .npz} when present). */
    DATACOMP_METADATA
  }

  /** Split name of corpora without splits. */
  public static final String NO_SPLIT = "all";

  public ImageSourceRef {
    if (id == null || id.isEmpty() || dataset == null || dataset.isEmpty() || kind == null || path == null
        || path.isEmpty() || split == null || split.isEmpty()) {
      throw new IllegalArgumentException("id, dataset, kind, path and split must be set, got " + id + ", " + dataset
          + ", " + kind + ", " + path + ", " + split);
    }
    if ((label == null) != (labelName == null)) {
      throw new IllegalArgumentException("label and labelName of " + id + " must both be set or both be null");
    }
    if (path.startsWith("/") || path.contains("\\") || ("/" + path + "/").contains("/../")) {
      throw new IllegalArgumentException("path of " + id + " must be relative without '..', got " + path);
    }
    attributes = sorted(attributes);
    companions = sorted(companions);
  }

  /** An image file with its label. */
  public static ImageSourceRef imageFile(String sampleId, String dataset, String path, String split, Integer label,
      String labelName, Map<String, String> attributes) {
    return new ImageSourceRef(sampleId, dataset, Kind.IMAGE_FILE, path, split, label, labelName, attributes, null);
  }

  /** A container of samples. */
  public static ImageSourceRef container(String dataset, Kind kind, String path, String split,
      Map<String, String> companions) {
    return new ImageSourceRef(path, dataset, kind, path, split, null, null, null, companions);
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
  }
}
