package org.evshard.pipelines.select;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.evshard.io.datacomp.DataCompMetadataReader;
import org.evshard.io.datacomp.DataCompRow;
import org.evshard.io.datacomp.DataCompRowException;
import org.evshard.io.npy.NpzReader;

/**
 * One DataComp metadata file of the {@code --embeddings} pool to {@code (uid, embedding)} pairs: row i of the
 * {@code .parquet} takes row i of array {@code key} of the {@code .npz} beside it (DataComp's layout; the arrays are
 * {@code rows x d}). A row whose uid cannot be read (DataComp's own reader would fail on it) keeps its place and
 * gives no pair, so the rows after it stay aligned; a uid no pair reaches fails the join, by name.
 */
final class ReadEmbeddingsFn extends DoFn<KV<String, String>, KV<String, float[]>> {

  private final String key;

  ReadEmbeddingsFn(String key) {
    this.key = key;
  }

  @ProcessElement
  public void process(@Element KV<String, String> metadataAndNpz, OutputReceiver<KV<String, float[]>> out)
      throws IOException {
    Path metadata = Path.of(metadataAndNpz.getKey());
    Path npz = Path.of(metadataAndNpz.getValue());
    float[] all;
    try (NpzReader r = NpzReader.open(npz)) {
      if (!r.names().contains(key)) {
        throw new IllegalArgumentException(npz + " holds no array '" + key + "' (it holds " + r.names() + ")");
      }
      all = r.readFloats(key);
    }
    try (DataCompMetadataReader rows = DataCompMetadataReader.open(metadata)) {
      java.util.List<String> uids = new java.util.ArrayList<>();
      while (true) {
        Optional<DataCompRow> row;
        try {
          row = rows.next();
        } catch (DataCompRowException bad) {
          uids.add(null); // its place is kept: the npz rows after it stay aligned
          continue;
        }
        if (row.isEmpty()) {
          break;
        }
        uids.add(row.get().uid());
      }
      int count = uids.size();
      if (count == 0 || all.length % count != 0) {
        throw new IllegalArgumentException(npz + ": array '" + key + "' holds " + all.length + " values, not one row "
            + "per row of " + metadata + " (" + count + " rows)");
      }
      int d = all.length / count;
      for (int i = 0; i < uids.size(); i++) {
        if (uids.get(i) != null) {
          out.output(KV.of(uids.get(i), java.util.Arrays.copyOfRange(all, i * d, (i + 1) * d)));
        }
      }
    }
  }
}
