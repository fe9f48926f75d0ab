package org.evshard.pipelines.curate;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sample on its way through {@code evshard curate}, before its image is decoded: identity, label, caption, what
 * the corpus says about it, and the encoded image bytes as stored (null for a DataComp row curated on metadata only).
 *
 * @param sampleId stable id ({@code <dataset>/<key>}, or the DataComp uid)
 * @param dataset corpus name
 * @param split split name
 * @param label class index or null
 * @param labelName class name, null exactly when {@code label} is
 * @param source file, or {@code <tar>!/<member>}, the sample came from
 * @param offset byte offset of the sample in its container (tar header), -1 for a plain file
 * @param caption caption or null
 * @param attributes further string columns, sorted by key
 * @param datacomp the DataComp pool metadata of the sample, or null
 * @param image encoded image bytes, or null
 */
public record CurateItem(String sampleId, String dataset, String split, Integer label, String labelName,
    String source, long offset, String caption, Map<String, String> attributes, DataCompFields datacomp,
    byte[] image) implements Serializable {

  public CurateItem {
    attributes = attributes == null || attributes.isEmpty() ? Map.of() : new TreeMap<>(attributes);
  }

  /** A copy with the image bytes replaced (e.g. joined from a shard onto a metadata row). */
  public CurateItem withImage(byte[] bytes, String newSource, long newOffset) {
    return new CurateItem(sampleId, dataset, split, label, labelName, newSource, newOffset, caption, attributes,
        datacomp, bytes);
  }
}
