package org.evshard.io.shard;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which payload columns a shard of schema 2 has: the event lists {@code x, y, t, p} ({@link #events()}), or a
 * representation in {@code tensor} (element type {@link #dtype}) and {@code tensor_shape}. With a {@link #fixedShape}
 * every row's tensor has that shape, and Arrow IPC stores it as a {@code FixedSizeList} with Arrow's canonical
 * {@code arrow.fixed_shape_tensor} extension type; without one, as a list.
 *
 * @param dtype element type of the tensor column, null for the events layout
 * @param fixedShape shape of every row's tensor, or null when it varies from row to row (or for events)
 * @param staticPartner whether every row also carries a paired static image ({@link StaticImage}: the
 *     {@code static_*} columns after {@code slice_index})
 * @param sampleMetadata whether every row carries its sample's metadata (the {@code metadata} column, a JSON object of
 *     strings, after the static image's columns)
 */
public record ShardLayout(ShardTensor.Dtype dtype, long[] fixedShape, boolean staticPartner, boolean sampleMetadata)
    implements Serializable {

  private static final ShardLayout EVENTS = new ShardLayout(null, null);

  public ShardLayout(ShardTensor.Dtype dtype, long[] fixedShape) {
    this(dtype, fixedShape, false, false);
  }

  public ShardLayout(ShardTensor.Dtype dtype, long[] fixedShape, boolean staticPartner) {
    this(dtype, fixedShape, staticPartner, false);
  }

  public ShardLayout {
    if (dtype == null && fixedShape != null) {
      throw new IllegalArgumentException("the events layout has no tensor shape");
    }
    fixedShape = fixedShape == null ? null : fixedShape.clone();
  }

  /** The event list layout (schema 1's payload). */
  public static ShardLayout events() {
    return EVENTS;
  }

  /** A tensor layout; {@code fixedShape} may be null. */
  public static ShardLayout tensor(ShardTensor.Dtype dtype, long[] fixedShape) {
    if (dtype == null) {
      throw new IllegalArgumentException("a tensor layout needs an element type");
    }
    return new ShardLayout(dtype, fixedShape);
  }

  /** This layout with or without the paired static image columns. */
  public ShardLayout withStaticPartner(boolean partner) {
    return new ShardLayout(dtype, fixedShape, partner, sampleMetadata);
  }

  /** This layout with or without the {@code metadata} column. */
  public ShardLayout withSampleMetadata(boolean metadata) {
    return new ShardLayout(dtype, fixedShape, staticPartner, metadata);
  }

  public boolean isTensor() {
    return dtype != null;
  }

  /** Elements of the fixed shape, or -1 without one. */
  public long fixedSize() {
    if (fixedShape == null) {
      return -1;
    }
    long n = 1;
    for (long d : fixedShape) {
      n *= d;
    }
    return n;
  }

  /** {@code events} or {@code tensor}, as in the file metadata key {@code evshard.layout}. */
  public String name() {
    return isTensor() ? "tensor" : "events";
  }

  @Override
  public long[] fixedShape() {
    return fixedShape == null ? null : fixedShape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardLayout l && dtype == l.dtype && Arrays.equals(fixedShape, l.fixedShape)
        && staticPartner == l.staticPartner && sampleMetadata == l.sampleMetadata;
  }

  @Override
  public int hashCode() {
    return ((31 * java.util.Objects.hashCode(dtype) + Arrays.hashCode(fixedShape)) * 2 + (staticPartner ? 1 : 0)) * 2
        + (sampleMetadata ? 1 : 0);
  }

  @Override
  public String toString() {
    return (isTensor() ? "tensor " + dtype.numpyName() + (fixedShape == null ? " (variable shape)"
        : " " + Arrays.toString(fixedShape)) : "events") + (staticPartner ? " + static image" : "")
        + (sampleMetadata ? " + metadata" : "");
  }
}
