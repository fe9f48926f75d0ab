package org.evshard.pipelines.curate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.evshard.datasets.image.ImageSourceRef;
import org.evshard.io.datacomp.DataCompMetadataReader;
import org.evshard.io.datacomp.DataCompRow;
import org.evshard.io.datacomp.DataCompRowException;
import org.evshard.io.datacomp.FaceBox;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.npy.NpzReader;
import org.evshard.pipelines.convert.SampleError;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.curate.NearestCentroid;

/**
 * Streams one DataComp metadata parquet file into {@link CurateItem}s (id = uid, caption = {@code text}, the pool's
 * fields in {@link DataCompFields}). With {@code image_based} on, the file's {@code .npz} embeddings
 * ({@code <arch>_img}, row i = metadata row i, as DataComp stores them) are assigned to their nearest centroid, kept
 * as the attribute {@value #CENTROID_ATTRIBUTE}. A file that cannot be read goes to {@link #ERRORS} as one input
 * (rows read before it stay).
 */
final class ReadDataCompMetadataFn extends DoFn<ImageSourceRef, CurateItem> {

  static final TupleTag<CurateItem> ITEMS = new TupleTag<>("metadata") {};
  static final TupleTag<SampleError> ERRORS = new TupleTag<>("metadata-errors") {};
  static final String CENTROID_ATTRIBUTE = "image_based_centroid";

  private final String root;
  private final ImageBasedSettings imageBased;
  private final Counter inputs = Metrics.counter(ReadImageSourcesFn.class, ReadImageSourcesFn.INPUTS_COUNTER);

  /** {@code imageBased} null: no embeddings are read. */
  ReadDataCompMetadataFn(String root, ImageBasedSettings imageBased) {
    this.root = root;
    this.imageBased = imageBased;
  }

  @ProcessElement
  public void process(@Element ImageSourceRef ref, MultiOutputReceiver out) throws IOException {
    int[] centroids = imageBased == null ? null : centroids(ref);
    long row = 0;
    DataCompMetadataReader opened;
    try {
      opened = DataCompMetadataReader.open(Path.of(root).resolve(ref.path()), OutputBudget.maxBytes(),
          "the limit is a quarter of this JVM's maximum heap (" + OutputBudget.maxHeap() + "), as Parquet reads a row "
              + "group's columns whole: " + OutputBudget.MORE_HEAP);
    } catch (LimitExceededException e) {
      inputs.inc();
      out.get(ERRORS).output(new SampleError(ref.dataset() + "/" + ref.path(), ref.path(), "read",
          "metadata file not read: " + e.reason(), e.offset()));
      return;
    }
    try (DataCompMetadataReader reader = opened) {
      while (true) {
        Optional<DataCompRow> r;
        try {
          r = reader.next();
        } catch (DataCompRowException bad) { // this row alone; its embedding index stays used
          inputs.inc();
          out.get(ERRORS).output(new SampleError(ref.dataset() + "/" + ref.path() + "#row=" + row,
              ref.path() + "#row=" + row, "read", bad.reason(), bad.offset()));
          row++;
          continue;
        }
        if (r.isEmpty()) {
          break;
        }
        inputs.inc();
        DataCompRow m = r.get();
        double[] boxes = new double[m.faceBboxes().size() * 4];
        for (int i = 0; i < m.faceBboxes().size(); i++) {
          FaceBox b = m.faceBboxes().get(i);
          System.arraycopy(b.toArray(), 0, boxes, 4 * i, 4);
        }
        DataCompFields f = new DataCompFields(m.uid(), m.url(), m.originalWidth(), m.originalHeight(),
            m.clipB32SimilarityScore(), m.clipL14SimilarityScore(), boxes, m.sha256());
        Map<String, String> attributes = Map.of("url", m.url());
        if (centroids != null) {
          if (row >= centroids.length) {
            throw new IllegalArgumentException(ref.path() + ": more metadata rows than embeddings in "
                + ref.companions().get("npz") + " (" + centroids.length + ")");
          }
          attributes = Map.of("url", m.url(), CENTROID_ATTRIBUTE, Integer.toString(centroids[(int) row]));
        }
        out.get(ITEMS).output(new CurateItem(m.uid(), ref.dataset(), ref.split(), null, null,
            ref.path() + "#row=" + row, -1, m.text(), attributes, f, null));
        row++;
      }
      if (centroids != null && row != centroids.length) {
        // DataComp indexes the embeddings with a mask over the rows, which fails unless the counts are equal
        throw new IllegalArgumentException(ref.path() + ": " + row + " metadata rows but " + centroids.length
            + " embeddings in " + ref.companions().get("npz") + "; image_based needs one embedding per row");
      }
    } catch (EvshardIoException e) {
      inputs.inc();
      out.get(ERRORS).output(new SampleError(ref.dataset() + "/" + ref.path() + "#row=" + row, ref.path(), "read",
          "the rest of the metadata file is unreadable: " + e.reason(), e.offset()));
    }
  }

  private int[] centroids(ImageSourceRef ref) throws IOException {
    String npz = ref.companions().get("npz");
    if (npz == null) {
      throw new IllegalArgumentException("image_based needs the embeddings " + ref.path().replace(".parquet", ".npz")
          + " next to the metadata file");
    }
    try (NpzReader r = NpzReader.open(Path.of(root).resolve(npz))) {
      String key = imageBased.arch() + "_img";
      float[] rows = r.readFloats(key);
      int d = imageBased.dim();
      if (rows.length % d != 0) {
        throw new IllegalArgumentException(npz + ": " + key + " holds " + rows.length + " values, not rows of " + d);
      }
      return NearestCentroid.assign(rows, rows.length / d, d, imageBased.centroids(), imageBased.k());
    }
  }
}
