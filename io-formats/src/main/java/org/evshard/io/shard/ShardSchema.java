package org.evshard.io.shard;

import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The shard schema, version {@value #SCHEMA_VERSION}: one row per sample, every column non-null, list elements
 * non-null. The same columns, in the same order, in Parquet and in Arrow IPC. See {@code docs/SHARDS.md}.
 */
public final class ShardSchema {

  public static final String SCHEMA_VERSION = "1";
  public static final String KEY_SCHEMA_VERSION = "evshard.schema_version";
  public static final String KEY_TOOL_VERSION = "evshard.tool_version";

  public static final String SAMPLE_ID = "sample_id";
  public static final String DATASET = "dataset";
  public static final String SPLIT = "split";
  public static final String LABEL = "label";
  public static final String LABEL_NAME = "label_name";
  public static final String SOURCE = "source";
  public static final String SENSOR_WIDTH = "sensor_width";
  public static final String SENSOR_HEIGHT = "sensor_height";
  public static final String N_EVENTS = "n_events";
  public static final String X = "x";
  public static final String Y = "y";
  public static final String T = "t";
  public static final String P = "p";

  /** Column names in schema order. */
  public static final List<String> COLUMNS = List.of(SAMPLE_ID, DATASET, SPLIT, LABEL, LABEL_NAME, SOURCE,
      SENSOR_WIDTH, SENSOR_HEIGHT, N_EVENTS, X, Y, T, P);

  /** Name of the repeated group and of the element of the standard 3-level Parquet LIST encoding. */
  static final String LIST = "list";
  static final String ELEMENT = "element";

  private static final MessageType PARQUET = buildParquet();

  private ShardSchema() {
  }

  /** The file metadata every shard carries (Parquet key-value metadata, Arrow schema custom metadata). */
  public static Map<String, String> metadata(String toolVersion) {
    if (toolVersion == null || toolVersion.isBlank()) {
      throw new IllegalArgumentException("tool version must not be blank");
    }
    return Map.of(KEY_SCHEMA_VERSION, SCHEMA_VERSION, KEY_TOOL_VERSION, toolVersion);
  }

  /** The Parquet message type. */
  public static MessageType parquet() {
    return PARQUET;
  }

  /** The Arrow schema with the file metadata. */
  public static Schema arrow(String toolVersion) {
    Field[] fields = {
        utf8Field(SAMPLE_ID), utf8Field(DATASET), utf8Field(SPLIT), intField(LABEL, 32), utf8Field(LABEL_NAME),
        utf8Field(SOURCE), intField(SENSOR_WIDTH, 32), intField(SENSOR_HEIGHT, 32), intField(N_EVENTS, 64),
        listField(X, new ArrowType.Int(16, true)), listField(Y, new ArrowType.Int(16, true)),
        listField(T, new ArrowType.Int(64, true)), listField(P, ArrowType.Bool.INSTANCE)};
    return new Schema(List.of(fields), metadata(toolVersion));
  }

  /** The dotted Parquet column path of the elements of a list column, e.g. {@code x.list.element}. */
  static String elementPath(String listColumn) {
    return listColumn + "." + LIST + "." + ELEMENT;
  }

  private static MessageType buildParquet() {
    return Types.buildMessage()
        .addField(utf8(SAMPLE_ID)).addField(utf8(DATASET)).addField(utf8(SPLIT))
        .addField(Types.required(INT32).named(LABEL))
        .addField(utf8(LABEL_NAME)).addField(utf8(SOURCE))
        .addField(Types.required(INT32).named(SENSOR_WIDTH))
        .addField(Types.required(INT32).named(SENSOR_HEIGHT))
        .addField(Types.required(INT64).named(N_EVENTS))
        .addField(list(X, INT32, intType(16, true)))
        .addField(list(Y, INT32, intType(16, true)))
        .addField(list(T, INT64, null))
        .addField(list(P, BOOLEAN, null))
        .named("evshard_sample");
  }

  private static Type utf8(String name) {
    return Types.required(BINARY).as(stringType()).named(name);
  }

  /** {@code required group name (LIST) { repeated group list { required <type> element; } }}. */
  private static Type list(String name, PrimitiveTypeName type, LogicalTypeAnnotation annotation) {
    Type element = Types.required(type).as(annotation).named(ELEMENT);
    return Types.requiredGroup().as(listType())
        .addField(Types.repeatedGroup().addField(element).named(LIST))
        .named(name);
  }

  private static Field utf8Field(String name) {
    return new Field(name, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
  }

  private static Field intField(String name, int bits) {
    return new Field(name, FieldType.notNullable(new ArrowType.Int(bits, true)), null);
  }

  private static Field listField(String name, ArrowType elementType) {
    Field element = new Field(ELEMENT, FieldType.notNullable(elementType), null);
    return new Field(name, FieldType.notNullable(ArrowType.List.INSTANCE), List.of(element));
  }
}
