package org.evshard.io.datacomp;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.img2dataset.ParquetGroupReader;

/**
 * Streams the {@link DataCompRow}s of one DataComp pool metadata parquet file, reading only the nine DataComp
 * columns: the columns may come in any order and other columns may be present (they are not read). Types are checked
 * from the footer before any row is read: strings are BINARY (string-annotated or plain), the sizes INT64 or INT32,
 * the scores DOUBLE or FLOAT, {@code face_bboxes} a list of lists of DOUBLE or FLOAT (pyarrow's three-level lists or
 * the legacy two-level form). A missing or mistyped column raises {@link UnsupportedFormatException} naming the file
 * and the column; a null value where a row needs one, a face box without exactly four coordinates or a uid that is not
 * hexadecimal raises {@link DataCompRowException} naming the row and the column, after which {@link #next()} goes on
 * with the next row. A null {@code face_bboxes} means no faces.
 */
public final class DataCompMetadataReader implements Closeable {

  public static final String UID = "uid";
  public static final String URL = "url";
  public static final String TEXT = "text";
  public static final String ORIGINAL_WIDTH = "original_width";
  public static final String ORIGINAL_HEIGHT = "original_height";
  public static final String CLIP_B32 = "clip_b32_similarity_score";
  public static final String CLIP_L14 = "clip_l14_similarity_score";
  public static final String FACE_BBOXES = "face_bboxes";
  public static final String SHA256 = "sha256";
  /** The DataComp pool columns, in the order the pool files hold them. */
  public static final List<String> COLUMNS = List.of(UID, URL, TEXT, ORIGINAL_WIDTH, ORIGINAL_HEIGHT, CLIP_B32,
      CLIP_L14, FACE_BBOXES, SHA256);

  private final String source;
  private final ParquetGroupReader rows;
  private final String boxRepeated;
  private final String boxElement;
  private final String coordRepeated;
  private final String coordElement;

  private DataCompMetadataReader(Path file, long maxRowGroupBytes, String why) {
    this.source = file.toString();
    MessageType schema = ParquetGroupReader.schema(file);
    for (String c : List.of(UID, URL, TEXT, SHA256)) {
      checkPrimitive(schema, c, "a string (BINARY)", List.of(PrimitiveTypeName.BINARY), true);
    }
    for (String c : List.of(ORIGINAL_WIDTH, ORIGINAL_HEIGHT)) {
      checkPrimitive(schema, c, "an integer (INT64 or INT32)", List.of(PrimitiveTypeName.INT64,
          PrimitiveTypeName.INT32), false);
    }
    for (String c : List.of(CLIP_B32, CLIP_L14)) {
      checkPrimitive(schema, c, "a float (DOUBLE or FLOAT)", List.of(PrimitiveTypeName.DOUBLE,
          PrimitiveTypeName.FLOAT), false);
    }
    Type boxes = column(schema, FACE_BBOXES);
    String want = "a list of lists of DOUBLE or FLOAT";
    Type[] outer = listLevels(boxes, want);
    Type[] inner = listLevels(outer[1], want);
    Type coord = inner[1];
    if (!coord.isPrimitive() || coord.isRepetition(Type.Repetition.REPEATED) && inner[0] != coord
        || !List.of(PrimitiveTypeName.DOUBLE, PrimitiveTypeName.FLOAT)
            .contains(coord.asPrimitiveType().getPrimitiveTypeName())) {
      throw mistyped(FACE_BBOXES, want, boxes);
    }
    boxRepeated = outer[0].getName();
    boxElement = outer[0] == outer[1] ? null : outer[1].getName();
    coordRepeated = inner[0].getName();
    coordElement = inner[0] == inner[1] ? null : inner[1].getName();
    Types.MessageTypeBuilder projection = Types.buildMessage();
    for (String c : COLUMNS) {
      projection.addField(schema.getType(c));
    }
    this.rows = new ParquetGroupReader(file, projection.named(schema.getName()), maxRowGroupBytes, why);
  }

  /** Opens a pool metadata file, checking its columns. */
  public static DataCompMetadataReader open(Path file) {
    return new DataCompMetadataReader(file, Long.MAX_VALUE, null);
  }

  /**
   * As {@link #open(Path)}, and refused with {@link org.evshard.io.error.LimitExceededException} when a row group
   * holds more than {@code maxRowGroupBytes} in the columns read (parquet-mr reads a row group's chunks whole);
   * {@code why} says where the limit comes from (may be null).
   */
  public static DataCompMetadataReader open(Path file, long maxRowGroupBytes, String why) {
    return new DataCompMetadataReader(file, maxRowGroupBytes, why);
  }

  private Type column(MessageType schema, String name) {
    if (!schema.containsField(name)) {
      throw new UnsupportedFormatException(source, -1, "DataComp metadata column '" + name + "' is missing; the file "
          + "has " + schema.getFields().stream().map(Type::getName).toList());
    }
    return schema.getType(name);
  }

  private void checkPrimitive(MessageType schema, String name, String want, List<PrimitiveTypeName> physical,
      boolean string) {
    Type t = column(schema, name);
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)
        || !physical.contains(t.asPrimitiveType().getPrimitiveTypeName())) {
      throw mistyped(name, want, t);
    }
    LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
    boolean ok = a == null || (string ? a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        : a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned());
    if (!ok) {
      throw mistyped(name, want, t);
    }
  }

  /**
   * The repeated field and the element of a LIST-annotated group (parquet's LogicalTypes.md backward-compatibility
   * rules); for the two-level form both are the repeated field.
   */
  private Type[] listLevels(Type t, String want) {
    if (t.isPrimitive() || !(t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
        || t.asGroupType().getFieldCount() != 1) {
      throw mistyped(FACE_BBOXES, want, t);
    }
    Type repeated = t.asGroupType().getType(0);
    if (!repeated.isRepetition(Type.Repetition.REPEATED)) {
      throw mistyped(FACE_BBOXES, want, t);
    }
    if (repeated.isPrimitive()) {
      return new Type[] {repeated, repeated};
    }
    GroupType g = repeated.asGroupType();
    boolean threeLevel = g.getFieldCount() == 1 && !g.getName().equals("array")
        && !g.getName().endsWith("_tuple") && g.getLogicalTypeAnnotation() == null;
    return threeLevel ? new Type[] {repeated, g.getType(0)} : new Type[] {repeated, repeated};
  }

  private UnsupportedFormatException mistyped(String column, String want, Type found) {
    return new UnsupportedFormatException(source, -1, "DataComp metadata column '" + column + "' must be " + want
        + ", found " + found.toString().strip().replaceAll("\\s+", " "));
  }

  /** The next row, or empty after the last. */
  public Optional<DataCompRow> next() {
    Group g = rows.next();
    if (g == null) {
      return Optional.empty();
    }
    String uid = string(g, UID);
    try {
      org.evshard.io.datacomp.UidSubset.parseUid(uid);
    } catch (IllegalArgumentException e) {
      throw bad(UID, "not a hexadecimal uid: '" + uid + "'");
    }
    return Optional.of(new DataCompRow(uid, string(g, URL), string(g, TEXT), integer(g, ORIGINAL_WIDTH),
        integer(g, ORIGINAL_HEIGHT), real(g, CLIP_B32), real(g, CLIP_L14), boxes(g), string(g, SHA256)));
  }

  private void present(Group g, String c) {
    if (g.getFieldRepetitionCount(c) == 0) {
      throw bad(c, "null value");
    }
  }

  private String string(Group g, String c) {
    present(g, c);
    return g.getString(c, 0);
  }

  private long integer(Group g, String c) {
    present(g, c);
    PrimitiveType t = g.getType().getType(c).asPrimitiveType();
    return t.getPrimitiveTypeName() == PrimitiveTypeName.INT64 ? g.getLong(c, 0) : g.getInteger(c, 0);
  }

  private double real(Group g, String c) {
    present(g, c);
    return number(g, c, 0);
  }

  private static double number(Group g, String field, int i) {
    PrimitiveType t = g.getType().getType(field).asPrimitiveType();
    return t.getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE ? g.getDouble(field, i) : g.getFloat(field, i);
  }

  private List<FaceBox> boxes(Group g) {
    List<FaceBox> out = new ArrayList<>();
    if (g.getFieldRepetitionCount(FACE_BBOXES) == 0) {
      return out;
    }
    Group list = g.getGroup(FACE_BBOXES, 0);
    int n = list.getFieldRepetitionCount(boxRepeated);
    for (int i = 0; i < n; i++) {
      Group item = list.getGroup(boxRepeated, i);
      Group box = item;
      if (boxElement != null) {
        if (item.getFieldRepetitionCount(boxElement) == 0) {
          throw bad(FACE_BBOXES, "box " + i + " is null");
        }
        box = item.getGroup(boxElement, 0);
      }
      int k = box.getFieldRepetitionCount(coordRepeated);
      if (k != 4) {
        throw bad(FACE_BBOXES, "box " + i + " has " + k + " coordinates, expected 4 (x1, y1, x2, y2)");
      }
      double[] c = new double[4];
      for (int j = 0; j < 4; j++) {
        if (coordElement == null) {
          c[j] = number(box, coordRepeated, j);
        } else {
          Group e = box.getGroup(coordRepeated, j);
          if (e.getFieldRepetitionCount(coordElement) == 0) {
            throw bad(FACE_BBOXES, "box " + i + " has a null coordinate");
          }
          c[j] = number(e, coordElement, 0);
        }
      }
      out.add(new FaceBox(c[0], c[1], c[2], c[3]));
    }
    return out;
  }

  private DataCompRowException bad(String column, String what) {
    return new DataCompRowException(source, rows.rowsRead() - 1, column, what);
  }

  /** Rows returned so far. */
  public long rowsRead() {
    return rows.rowsRead();
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
