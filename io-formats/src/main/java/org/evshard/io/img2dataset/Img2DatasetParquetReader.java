package org.evshard.io.img2dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;

/**
 * Reads img2dataset parquet files: the {@code parquet} output layout ({@code NNNNN.parquet} with the image bytes in a
 * binary column named by the encode format, {@code jpg}, {@code png} or {@code webp}, the caption in {@code txt}, the
 * {@code key} and the metadata columns), the per-shard metadata parquet of the other layouts (the same columns
 * without image), and img2dataset's input url lists. Every top-level scalar column except the image becomes a field:
 * strings as their text, integers and floats in decimal, booleans {@code true}/{@code false}, nulls {@code null};
 * nested columns (lists, structs) are not read and are named by {@link #unreadColumns()}. A file without a
 * {@code key} column (an input url list) keys its rows by their index. The image column is the first binary,
 * non-string column named {@code jpg}, {@code png}, {@code webp} or {@code jpeg}; an image larger than the limit
 * raises {@link LimitExceededException}.
 */
public final class Img2DatasetParquetReader implements Closeable {

  /** img2dataset's caption column in parquet outputs ({@code ParquetSampleWriter} writes {@code txt}). */
  public static final String DEFAULT_CAPTION_COLUMN = "txt";
  public static final String KEY_COLUMN = "key";

  private final String source;
  private final String captionColumn;
  private final long maxImageBytes;
  private final String imageColumn;
  private final boolean hasKey;
  private final List<String> fieldColumns = new ArrayList<>();
  private final List<String> unread = new ArrayList<>();
  private final ParquetGroupReader rows;

  private Img2DatasetParquetReader(Path file, String captionColumn, long maxImageBytes, long maxRowGroupBytes,
      String rowGroupLimitReason) {
    this.source = file.toString();
    this.captionColumn = captionColumn;
    this.maxImageBytes = maxImageBytes;
    MessageType schema = ParquetGroupReader.schema(file);
    String image = null;
    Types.MessageTypeBuilder projection = Types.buildMessage();
    for (Type t : schema.getFields()) {
      boolean scalar = t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED);
      if (image == null && scalar && Img2DatasetTarReader.IMAGE_EXTENSIONS.contains(t.getName()) && isBytes(t)) {
        image = t.getName();
        projection.addField(t);
      } else if (scalar && t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT96
          && t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
        fieldColumns.add(t.getName());
        projection.addField(t);
      } else {
        unread.add(t.getName());
      }
    }
    this.imageColumn = image;
    this.hasKey = fieldColumns.contains(KEY_COLUMN);
    if (hasKey && !isString(schema.getType(KEY_COLUMN))) {
      throw new UnsupportedFormatException(source, -1, "column 'key' must be a string, found "
          + schema.getType(KEY_COLUMN));
    }
    if (fieldColumns.contains(captionColumn) && !isString(schema.getType(captionColumn))) {
      throw new UnsupportedFormatException(source, -1, "caption column '" + captionColumn + "' must be a string, "
          + "found " + schema.getType(captionColumn));
    }
    this.rows = new ParquetGroupReader(file, projection.named(schema.getName()), maxRowGroupBytes,
        rowGroupLimitReason);
  }

  /** Opens a file with the caption in {@code captionColumn} and images up to {@code maxImageBytes}. */
  public static Img2DatasetParquetReader open(Path file, String captionColumn, long maxImageBytes) {
    return new Img2DatasetParquetReader(file, captionColumn, maxImageBytes, Long.MAX_VALUE, null);
  }

  /**
   * As {@link #open(Path, String, long)}, and refused with {@link LimitExceededException} (before any row is read)
   * when a row group holds more than {@code maxRowGroupBytes} in the columns read: parquet-mr reads a row group's
   * chunks whole, so a shard written as one row group of images is in memory at once. {@code why} says where the
   * limit comes from (may be null).
   */
  public static Img2DatasetParquetReader open(Path file, String captionColumn, long maxImageBytes,
      long maxRowGroupBytes, String why) {
    return new Img2DatasetParquetReader(file, captionColumn, maxImageBytes, maxRowGroupBytes, why);
  }

  /** Opens an img2dataset output parquet (caption in {@code txt}, images up to 64 MiB). */
  public static Img2DatasetParquetReader open(Path file) {
    return open(file, DEFAULT_CAPTION_COLUMN, org.evshard.io.tar.TarLimits.DEFAULT_MAX_ENTRY_BYTES);
  }

  private static boolean isString(Type t) {
    return t.isPrimitive() && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
        && t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
  }

  private static boolean isBytes(Type t) {
    return t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
        && t.getLogicalTypeAnnotation() == null;
  }

  /** The next row as a sample, or empty after the last. */
  public Optional<Img2DatasetSample> next() {
    Group g = rows.next();
    if (g == null) {
      return Optional.empty();
    }
    long row = rows.rowsRead() - 1;
    String where = source + "[row " + row + "]";
    SortedMap<String, String> fields = new TreeMap<>();
    for (String c : fieldColumns) {
      fields.put(c, g.getFieldRepetitionCount(c) == 0 ? "null" : render(g, c));
    }
    byte[] image = null;
    if (imageColumn != null && g.getFieldRepetitionCount(imageColumn) > 0) {
      Binary b = g.getBinary(imageColumn, 0);
      if (b.length() > maxImageBytes) {
        throw new LimitExceededException(where, -1, "image size in column '" + imageColumn + "'", b.length(),
            maxImageBytes);
      }
      image = b.getBytes();
    }
    String key = hasKey && g.getFieldRepetitionCount(KEY_COLUMN) > 0 ? g.getString(KEY_COLUMN, 0)
        : Long.toString(row);
    String caption = fieldColumns.contains(captionColumn) && g.getFieldRepetitionCount(captionColumn) > 0
        ? g.getString(captionColumn, 0) : null;
    return Optional.of(new Img2DatasetSample(key, caption, image, image == null ? null : imageColumn, fields, where,
        null, -1));
  }

  private static String render(Group g, String c) {
    PrimitiveType t = g.getType().getType(c).asPrimitiveType();
    return switch (t.getPrimitiveTypeName()) {
      case BINARY -> g.getString(c, 0);
      case INT32 -> Integer.toString(g.getInteger(c, 0));
      case INT64 -> Long.toString(g.getLong(c, 0));
      case FLOAT -> Float.toString(g.getFloat(c, 0));
      case DOUBLE -> Double.toString(g.getDouble(c, 0));
      case BOOLEAN -> Boolean.toString(g.getBoolean(c, 0));
      default -> throw new IllegalStateException("unprojected column type " + t);
    };
  }

  /** The image column, if the file has one. */
  public Optional<String> imageColumn() {
    return Optional.ofNullable(imageColumn);
  }

  /** Columns not read (nested, INT96 or fixed-length), in file order. */
  public List<String> unreadColumns() {
    return List.copyOf(unread);
  }

  /** Rows read so far. */
  public long rowsRead() {
    return rows.rowsRead();
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
