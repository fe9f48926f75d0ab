package org.evshard.pipelines.curate;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import org.evshard.io.npy.NpyArray;
import org.evshard.transforms.curate.NearestCentroid;

/**
 * DataComp's {@code image_based} filter: the pool's image embeddings ({@code <arch>_img} in each metadata file's
 * {@code .npz}) are assigned to the nearest of K centroids (dot product), and a sample is kept when its centroid is
 * one that the target embeddings (e.g. ImageNet's training images) fall into. Both files are {@code .npy} matrices
 * (float32 or float16) of the embedding dimension.
 *
 * @param arch {@code b32} or {@code l14}: which embedding
 * @param centroids K x d, row-major
 * @param k number of centroids
 * @param dim embedding dimension d
 * @param target whether each centroid is a target
 */
public record ImageBasedSettings(String arch, float[] centroids, int k, int dim, boolean[] target)
    implements Serializable {

  /** Reads the centroids and the target embeddings and computes the target centroids. */
  public static ImageBasedSettings load(String arch, Path centroidsFile, Path targetsFile) throws IOException {
    NpyArray c = NpyArray.read(centroidsFile);
    NpyArray t = NpyArray.read(targetsFile);
    if (c.shape().length != 2 || t.shape().length != 2 || c.shape()[1] != t.shape()[1]) {
      throw new IllegalArgumentException("image_based: centroids " + Arrays.toString(c.shape()) + " and targets "
          + Arrays.toString(t.shape()) + " must be matrices of the same width");
    }
    int k = Math.toIntExact(c.shape()[0]);
    int d = Math.toIntExact(c.shape()[1]);
    float[] centroids = c.toFloatArray();
    float[] targets = t.toFloatArray();
    boolean[] mask = NearestCentroid.targetMask(targets, Math.toIntExact(t.shape()[0]), d, centroids, k);
    return new ImageBasedSettings(arch, centroids, k, d, mask);
  }

  boolean isTarget(int centroid) {
    return centroid >= 0 && centroid < target.length && target[centroid];
  }
}
