package org.evshard.io.shard;

import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.mapType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The image shard schema (layout {@code image}, schema version {@value ShardSchema#SCHEMA_VERSION}): one row per
 * image, the same columns in the same order in Parquet and in Arrow IPC. {@code label}, {@code label_name},
 * {@code caption}, {@code tensor} and {@code tensor_shape} may be null; everything else is required. The encoded
 * image is a binary column; the optional decoded pixels are raw HWC uint8 bytes ({@code tensor}) with their shape, so
 * a consumer does {@code np.frombuffer(row["tensor"], np.uint8).reshape(row["tensor_shape"])}. See
 * {@code docs/SHARDS.md}.
 */
public final class ImageShardSchema {

  public static final String LAYOUT = "image";

  public static final String SAMPLE_ID = ShardSchema.SAMPLE_ID;
  public static final String DATASET = ShardSchema.DATASET;
  public static final String SPLIT = ShardSchema.SPLIT;
  public static final String LABEL = ShardSchema.LABEL;
  public static final String LABEL_NAME = ShardSchema.LABEL_NAME;
  public static final String SOURCE = ShardSchema.SOURCE;
  public static final String CAPTION = "caption";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String ORIGINAL_WIDTH = "original_width";
  public static final String ORIGINAL_HEIGHT = "original_height";
  public static final String SHA256 = "sha256";
  public static final String IMAGE_FORMAT = "image_format";
  public static final String IMAGE = "image";
  public static final String ATTRIBUTES = "attributes";
  public static final String TENSOR = ShardSchema.TENSOR;
  public static final String TENSOR_SHAPE = ShardSchema.TENSOR_SHAPE;

  /** Column names in schema order. */
  public static final List<String> COLUMNS = List.of(SAMPLE_ID, DATASET, SPLIT, LABEL, LABEL_NAME, SOURCE, CAPTION,
      WIDTH, HEIGHT, ORIGINAL_WIDTH, ORIGINAL_HEIGHT, SHA256, IMAGE_FORMAT, IMAGE, ATTRIBUTES, TENSOR, TENSOR_SHAPE);

  static final String KEY_VALUE = "key_value";
  static final String KEY = "key";
  static final String VALUE = "value";
  static final String ENTRIES = "entries";

  private static final MessageType PARQUET = Types.buildMessage()
      .addField(utf8(SAMPLE_ID)).addField(utf8(DATASET)).addField(utf8(SPLIT))
      .addField(Types.optional(INT32).named(LABEL))
      .addField(Types.optional(BINARY).as(stringType()).named(LABEL_NAME))
      .addField(utf8(SOURCE))
      .addField(Types.optional(BINARY).as(stringType()).named(CAPTION))
      .addField(Types.required(INT32).named(WIDTH))
      .addField(Types.required(INT32).named(HEIGHT))
      .addField(Types.required(INT32).named(ORIGINAL_WIDTH))
      .addField(Types.required(INT32).named(ORIGINAL_HEIGHT))
      .addField(utf8(SHA256))
      .addField(utf8(IMAGE_FORMAT))
      .addField(Types.required(BINARY).named(IMAGE))
      .addField(Types.requiredGroup().as(mapType())
          .addField(Types.repeatedGroup().addField(utf8(KEY)).addField(utf8(VALUE)).named(KEY_VALUE))
          .named(ATTRIBUTES))
      .addField(Types.optional(BINARY).named(TENSOR))
      .addField(Types.optionalGroup().as(listType())
          .addField(Types.repeatedGroup().addField(Types.required(INT32).named(ShardSchema.ELEMENT))
              .named(ShardSchema.LIST))
          .named(TENSOR_SHAPE))
      .named("evshard_image");

  private ImageShardSchema() {
  }

  /** The Parquet message type. */
  public static MessageType parquet() {
    return PARQUET;
  }

  /** The file metadata of an image shard (Parquet key-value metadata, Arrow schema custom metadata). */
  public static Map<String, String> metadata(String toolVersion) {
    if (toolVersion == null || toolVersion.isBlank()) {
      throw new IllegalArgumentException("tool version must not be blank");
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ShardSchema.KEY_SCHEMA_VERSION, ShardSchema.SCHEMA_VERSION);
    m.put(ShardSchema.KEY_TOOL_VERSION, toolVersion);
    m.put(ShardSchema.KEY_LAYOUT, LAYOUT);
    return m;
  }

  /** The Arrow schema with the file metadata. */
  public static Schema arrow(String toolVersion) {
    Field entries = new Field(ENTRIES, FieldType.notNullable(ArrowType.Struct.INSTANCE),
        List.of(utf8Field(KEY, false), utf8Field(VALUE, false)));
    Field shapeElement = new Field(ShardSchema.ELEMENT, FieldType.notNullable(new ArrowType.Int(32, true)), null);
    List<Field> fields = List.of(
        utf8Field(SAMPLE_ID, false), utf8Field(DATASET, false), utf8Field(SPLIT, false),
        intField(LABEL, true), utf8Field(LABEL_NAME, true), utf8Field(SOURCE, false), utf8Field(CAPTION, true),
        intField(WIDTH, false), intField(HEIGHT, false), intField(ORIGINAL_WIDTH, false),
        intField(ORIGINAL_HEIGHT, false), utf8Field(SHA256, false), utf8Field(IMAGE_FORMAT, false),
        new Field(IMAGE, FieldType.notNullable(ArrowType.Binary.INSTANCE), null),
        new Field(ATTRIBUTES, FieldType.notNullable(new ArrowType.Map(false)), List.of(entries)),
        new Field(TENSOR, FieldType.nullable(ArrowType.Binary.INSTANCE), null),
        new Field(TENSOR_SHAPE, FieldType.nullable(ArrowType.List.INSTANCE), List.of(shapeElement)));
    return new Schema(fields, metadata(toolVersion));
  }

  private static Type utf8(String name) {
    return Types.required(BINARY).as(stringType()).named(name);
  }

  private static Field utf8Field(String name, boolean nullable) {
    return new Field(name, new FieldType(nullable, ArrowType.Utf8.INSTANCE, null), null);
  }

  private static Field intField(String name, boolean nullable) {
    return new Field(name, new FieldType(nullable, new ArrowType.Int(32, true), null), null);
  }
}
