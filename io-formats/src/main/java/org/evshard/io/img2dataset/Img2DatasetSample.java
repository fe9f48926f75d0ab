package org.evshard.io.img2dataset;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One sample of an img2dataset output, whatever its layout ({@code files}, {@code webdataset} or {@code parquet}):
 * the key img2dataset gave it (e.g. {@code 000000123}), the caption, the image bytes with their extension (the
 * {@code encode_format}: {@code jpg}, {@code png} or {@code webp}), the metadata fields of its {@code .json} sidecar or
 * parquet row as a sorted map of strings (JSON strings as their text, other values as JSON), and where it came from:
 * the shard or file ({@link #source()}), the member or file path of the image ({@link #member()}) and the byte offset
 * of the tar member header ({@link #offset()}, -1 when not in a tar) for error messages. Immutable: the image is
 * handed out as a copy or a read-only view. The image and caption are absent when the layout holds none (a failed
 * download's metadata row).
 */
public final class Img2DatasetSample {

  private final String key;
  private final String caption;
  private final byte[] image;
  private final String imageExtension;
  private final SortedMap<String, String> fields;
  private final String source;
  private final String member;
  private final long offset;

  /** Takes ownership of {@code image} (callers in this package pass arrays nobody else holds). */
  Img2DatasetSample(String key, String caption, byte[] image, String imageExtension, SortedMap<String, String> fields,
      String source, String member, long offset) {
    if ((image == null) != (imageExtension == null)) {
      throw new IllegalArgumentException("an image needs its extension and vice versa");
    }
    this.key = Objects.requireNonNull(key);
    this.caption = caption;
    this.image = image;
    this.imageExtension = imageExtension;
    this.fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    this.source = Objects.requireNonNull(source);
    this.member = member;
    this.offset = offset;
  }

  /** img2dataset's sample key (the file name without extension). */
  public String key() {
    return key;
  }

  /** The caption ({@code .txt} member or file, {@code txt} column), if the output has one. */
  public Optional<String> caption() {
    return Optional.ofNullable(caption);
  }

  public boolean hasImage() {
    return image != null;
  }

  /** A copy of the encoded image bytes. */
  public Optional<byte[]> imageBytes() {
    return image == null ? Optional.empty() : Optional.of(image.clone());
  }

  /** A read-only view of the encoded image bytes, without copying. */
  public Optional<ByteBuffer> imageBuffer() {
    return image == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(image).asReadOnlyBuffer());
  }

  /** The image's extension ({@code jpg}, {@code png}, {@code webp}), which names its encoding. */
  public Optional<String> imageExtension() {
    return Optional.ofNullable(imageExtension);
  }

  /** The metadata fields, sorted by name. */
  public SortedMap<String, String> fields() {
    return fields;
  }

  public Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The tar shard, parquet file (with the row, {@code file[row N]}) or image file this sample was read from. */
  public String source() {
    return source;
  }

  /** The image's path inside the tar, or relative to the output folder in the files layout; null for parquet. */
  public String member() {
    return member;
  }

  /** Byte offset of the tar member header of the sample's first member, or -1 outside a tar. */
  public long offset() {
    return offset;
  }

  @Override
  public String toString() {
    return "Img2DatasetSample[" + key + " " + (imageExtension == null ? "no image" : image.length + " bytes "
        + imageExtension) + " from " + source + (member == null ? "" : "!" + member) + "]";
  }
}
