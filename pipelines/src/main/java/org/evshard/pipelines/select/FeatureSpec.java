package org.evshard.pipelines.select;

import java.io.Serializable;

/**
 * Which feature vector {@code evshard select} computes per row, as written on the command line:
 * <ul>
 *   <li>{@code pixels[:S]} (default S = 8): the image, event frame or tensor averaged down to S x S per channel
 *       (events: one frame per polarity, counts at sensor resolution);</li>
 *   <li>{@code projection:D[:S]}: those pixels through a seeded Gaussian random projection to D dimensions;</li>
 *   <li>{@code convnet}: a seeded random ConvNet embedding (depth 3, width 128, as Distribution Matching uses) of the
 *       image resized to 32 x 32 (images only);</li>
 *   <li>{@code phash}: the 64 bits of the image's perceptual hash as +-1 (images only);</li>
 *   <li>{@code embedding[:KEY]} (default {@code l14_img}): the row's existing embedding, array {@code KEY} of the
 *       DataComp pool given by {@code --embeddings} ({@code metadata/*.npz}, row i = row i of the {@code .parquet}
 *       beside it), joined on the uid (DataComp image shards, whose sample ids are uids).</li>
 * </ul>
 */
public record FeatureSpec(Kind kind, int size, int dim, String key) implements Serializable {

  /** The feature families. */
  public enum Kind { PIXELS, PROJECTION, CONVNET, PHASH, EMBEDDING }

  /** The embedding array read by default: DataComp's CLIP ViT-L/14 image embeddings. */
  public static final String DEFAULT_EMBEDDING = "l14_img";

  public FeatureSpec(Kind kind, int size, int dim) {
    this(kind, size, dim, null);
  }

  public static final int DEFAULT_SIZE = 8;

  public FeatureSpec {
    if (size < 1 || size > 256 || dim < 0) {
      throw new IllegalArgumentException("feature size must be within 1..256 and dim >= 0, got " + size + ", "
          + dim);
    }
  }

  /** Parses {@code pixels}, {@code pixels:16}, {@code projection:64}, {@code projection:64:16}, {@code convnet}, ... */
  public static FeatureSpec parse(String spec) {
    String[] parts = spec.trim().split(":");
    try {
      return switch (parts[0]) {
        case "pixels" -> {
          require(parts.length <= 2, spec);
          yield new FeatureSpec(Kind.PIXELS, parts.length == 2 ? Integer.parseInt(parts[1]) : DEFAULT_SIZE, 0);
        }
        case "projection" -> {
          require(parts.length == 2 || parts.length == 3, spec);
          int d = Integer.parseInt(parts[1]);
          require(d >= 1, spec);
          yield new FeatureSpec(Kind.PROJECTION, parts.length == 3 ? Integer.parseInt(parts[2]) : DEFAULT_SIZE, d);
        }
        case "convnet" -> {
          require(parts.length == 1, spec);
          yield new FeatureSpec(Kind.CONVNET, 32, 0);
        }
        case "phash" -> {
          require(parts.length == 1, spec);
          yield new FeatureSpec(Kind.PHASH, 32, 64);
        }
        case "embedding" -> {
          require(parts.length <= 2 && (parts.length == 1 || parts[1].matches("[A-Za-z0-9_]+")), spec);
          yield new FeatureSpec(Kind.EMBEDDING, 1, 0, parts.length == 2 ? parts[1] : DEFAULT_EMBEDDING);
        }
        default -> throw new IllegalArgumentException("unknown feature '" + parts[0]
            + "'; one of pixels[:S], projection:D[:S], convnet, phash, embedding[:KEY]");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad feature spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  private static void require(boolean ok, String spec) {
    if (!ok) {
      throw new IllegalArgumentException("bad feature spec '" + spec
          + "'; expected pixels[:S], projection:D[:S], convnet, phash or embedding[:KEY]");
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case PIXELS -> "pixels:" + size;
      case PROJECTION -> "projection:" + dim + ":" + size;
      case CONVNET -> "convnet";
      case PHASH -> "phash";
      case EMBEDDING -> "embedding:" + key;
    };
  }
}
