package org.evshard.io.shard;

import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.listType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
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
 * The shard schema, version {@value #SCHEMA_VERSION}: one row per sample (or slice), every column non-null, list
 * elements non-null. The same columns, in the same order, in Parquet and in Arrow IPC. Two layouts
 * ({@link ShardLayout}): the event lists {@code x, y, t, p}, or a representation in {@code tensor} +
 * {@code tensor_shape}. Readers also read version 1 (the events layout without {@code slice_index}).
 * See {@code docs/SHARDS.md}.
 */
public final class ShardSchema {

  public static final String SCHEMA_VERSION = "2";
  /** The previous version, still read: the events layout without {@code slice_index}. */
  public static final String SCHEMA_VERSION_1 = "1";
  public static final String KEY_SCHEMA_VERSION = "evshard.schema_version";
  public static final String KEY_TOOL_VERSION = "evshard.tool_version";
  /** {@code events} or {@code tensor}. */
  public static final String KEY_LAYOUT = "evshard.layout";
  /** Element type of {@code tensor} in numpy's name ({@code int16}, {@code float64}, ...); tensor layout only. */
  public static final String KEY_TENSOR_DTYPE = "evshard.tensor_dtype";
  /** JSON array of the fixed tensor shape, when every row has the same; tensor layout only. */
  public static final String KEY_TENSOR_SHAPE = "evshard.tensor_shape";
  /** JSON array of the transform specs that produced the rows; only when a chain was applied. */
  public static final String KEY_TRANSFORMS = "evshard.transforms";
  /** Arrow's canonical extension type for fixed-shape tensors and its field metadata keys. */
  public static final String FIXED_SHAPE_TENSOR = "arrow.fixed_shape_tensor";
  public static final String ARROW_EXTENSION_NAME = "ARROW:extension:name";
  public static final String ARROW_EXTENSION_METADATA = "ARROW:extension:metadata";

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
  public static final String SLICE_INDEX = "slice_index";
  public static final String TENSOR = "tensor";
  /** Metadata key: {@code true} when rows carry a paired static image (the {@code static_*} columns). */
  public static final String KEY_STATIC_PARTNER = "evshard.static_partner";
  public static final String STATIC_SOURCE = "static_source";
  public static final String STATIC_LABEL_NAME = "static_label_name";
  public static final String STATIC_WIDTH = "static_width";
  public static final String STATIC_HEIGHT = "static_height";
  public static final String STATIC_CHANNELS = "static_channels";
  /** Raw 8-bit pixels, {@code H x W x C} row-major, channel-interleaved. */
  public static final String STATIC_PIXELS = "static_pixels";
  /** The paired static image columns, after {@code slice_index}, when {@link ShardLayout#staticPartner()}. */
  public static final List<String> STATIC_COLUMNS = List.of(STATIC_SOURCE, STATIC_LABEL_NAME, STATIC_WIDTH,
      STATIC_HEIGHT, STATIC_CHANNELS, STATIC_PIXELS);
  public static final String TENSOR_SHAPE = "tensor_shape";
  /** Metadata key: {@code true} when rows carry their sample's metadata (the {@code metadata} column). */
  public static final String KEY_SAMPLE_METADATA = "evshard.sample_metadata";
  /**
   * The sample's metadata, a JSON object of strings (DailyDVS-200's attributes), when
   * {@link ShardLayout#sampleMetadata()}.
   */
  public static final String METADATA = "metadata";

  /** The scalar columns in schema order (every layout). */
  public static final List<String> SCALAR_COLUMNS = List.of(SAMPLE_ID, DATASET, SPLIT, LABEL, LABEL_NAME, SOURCE,
      SENSOR_WIDTH, SENSOR_HEIGHT, N_EVENTS, SLICE_INDEX);

  /** Column names of the events layout in schema order. */
  public static final List<String> COLUMNS = List.of(SAMPLE_ID, DATASET, SPLIT, LABEL, LABEL_NAME, SOURCE,
      SENSOR_WIDTH, SENSOR_HEIGHT, N_EVENTS, SLICE_INDEX, X, Y, T, P);

  /** Column names of the tensor layout in schema order. */
  public static final List<String> TENSOR_COLUMNS = List.of(SAMPLE_ID, DATASET, SPLIT, LABEL, LABEL_NAME, SOURCE,
      SENSOR_WIDTH, SENSOR_HEIGHT, N_EVENTS, SLICE_INDEX, TENSOR, TENSOR_SHAPE);

  /** Column names of schema version 1. */
  public static final List<String> COLUMNS_V1 = List.of(SAMPLE_ID, DATASET, SPLIT, LABEL, LABEL_NAME, SOURCE,
      SENSOR_WIDTH, SENSOR_HEIGHT, N_EVENTS, X, Y, T, P);

  /** Name of the repeated group and of the element of the standard 3-level Parquet LIST encoding. */
  static final String LIST = "list";
  static final String ELEMENT = "element";

  private static final MessageType PARQUET = buildParquet(ShardLayout.events());

  private ShardSchema() {
  }

  /** The file metadata every shard carries (Parquet key-value metadata, Arrow schema custom metadata). */
  public static Map<String, String> metadata(String toolVersion) {
    return metadata(toolVersion, ShardLayout.events(), List.of());
  }

  /** The file metadata of a shard of {@code layout} written after {@code transforms} (may be empty). */
  public static Map<String, String> metadata(String toolVersion, ShardLayout layout, List<String> transforms) {
    if (toolVersion == null || toolVersion.isBlank()) {
      throw new IllegalArgumentException("tool version must not be blank");
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KEY_SCHEMA_VERSION, SCHEMA_VERSION);
    m.put(KEY_TOOL_VERSION, toolVersion);
    m.put(KEY_LAYOUT, layout.name());
    if (layout.isTensor()) {
      m.put(KEY_TENSOR_DTYPE, layout.dtype().numpyName());
      if (layout.fixedShape() != null) {
        m.put(KEY_TENSOR_SHAPE, jsonArray(layout.fixedShape()));
      }
    }
    if (layout.staticPartner()) {
      m.put(KEY_STATIC_PARTNER, "true");
    }
    if (layout.sampleMetadata()) {
      m.put(KEY_SAMPLE_METADATA, "true");
    }
    if (transforms != null && !transforms.isEmpty()) {
      try {
        m.put(KEY_TRANSFORMS, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(transforms));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }

  /** The layout a file's metadata describes (version 1 files and files without the key: events). */
  public static ShardLayout layoutOf(Map<String, String> meta, String file) {
    boolean partner = "true".equals(meta.get(KEY_STATIC_PARTNER));
    boolean metadata = "true".equals(meta.get(KEY_SAMPLE_METADATA));
    String layout = meta.getOrDefault(KEY_LAYOUT, "events");
    if (layout.equals("events")) {
      return ShardLayout.events().withStaticPartner(partner).withSampleMetadata(metadata);
    }
    if (!layout.equals("tensor")) {
      throw new org.evshard.io.error.ShardException(file, "unknown " + KEY_LAYOUT + " '" + layout + "'");
    }
    String dtype = meta.get(KEY_TENSOR_DTYPE);
    if (dtype == null) {
      throw new org.evshard.io.error.ShardException(file, "tensor layout without " + KEY_TENSOR_DTYPE);
    }
    String shape = meta.get(KEY_TENSOR_SHAPE);
    return ShardLayout.tensor(ShardTensor.Dtype.fromNumpyName(dtype), shape == null ? null : parseJsonArray(shape))
        .withStaticPartner(partner).withSampleMetadata(metadata);
  }

  static String jsonArray(long[] values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ",").append(values[i]);
    }
    return b.append(']').toString();
  }

  static long[] parseJsonArray(String json) {
    String inner = json.trim();
    if (!inner.startsWith("[") || !inner.endsWith("]")) {
      throw new IllegalArgumentException("expected a JSON array of integers, got " + json);
    }
    inner = inner.substring(1, inner.length() - 1).trim();
    if (inner.isEmpty()) {
      return new long[0];
    }
    String[] parts = inner.split(",");
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Long.parseLong(parts[i].trim());
    }
    return out;
  }

  /** The Parquet message type of the events layout. */
  public static MessageType parquet() {
    return PARQUET;
  }

  /** The Parquet message type of {@code layout}. */
  public static MessageType parquet(ShardLayout layout) {
    return layout.equals(ShardLayout.events()) ? PARQUET : buildParquet(layout);
  }

  /**
   * The number of top-level columns before the payload lists: the scalars, then the static image columns, then
   * {@code metadata}.
   */
  public static int scalarCount(ShardLayout layout) {
    return SCALAR_COLUMNS.size() + (layout.staticPartner() ? STATIC_COLUMNS.size() : 0)
        + (layout.sampleMetadata() ? 1 : 0);
  }

  /** The Parquet message type of schema version 1. */
  public static MessageType parquetV1() {
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

  /** The Arrow schema of the events layout with the file metadata. */
  public static Schema arrow(String toolVersion) {
    return arrow(toolVersion, ShardLayout.events(), List.of());
  }

  /** The Arrow fields of {@code layout}. */
  public static List<Field> arrowFields(ShardLayout layout) {
    List<Field> fields = new ArrayList<>(List.of(
        utf8Field(SAMPLE_ID), utf8Field(DATASET), utf8Field(SPLIT), intField(LABEL, 32), utf8Field(LABEL_NAME),
        utf8Field(SOURCE), intField(SENSOR_WIDTH, 32), intField(SENSOR_HEIGHT, 32), intField(N_EVENTS, 64),
        intField(SLICE_INDEX, 32)));
    if (layout.staticPartner()) {
      fields.addAll(List.of(utf8Field(STATIC_SOURCE), utf8Field(STATIC_LABEL_NAME), intField(STATIC_WIDTH, 32),
          intField(STATIC_HEIGHT, 32), intField(STATIC_CHANNELS, 32),
          new Field(STATIC_PIXELS, FieldType.notNullable(ArrowType.Binary.INSTANCE), null)));
    }
    if (layout.sampleMetadata()) {
      fields.add(utf8Field(METADATA));
    }
    if (layout.isTensor()) {
      ArrowType element = arrowType(layout.dtype());
      if (layout.fixedShape() != null) {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put(ARROW_EXTENSION_NAME, FIXED_SHAPE_TENSOR);
        ext.put(ARROW_EXTENSION_METADATA, "{\"shape\":" + jsonArray(layout.fixedShape()) + "}");
        Field child = new Field(ELEMENT, FieldType.notNullable(element), null);
        fields.add(new Field(TENSOR, new FieldType(false, new ArrowType.FixedSizeList((int) layout.fixedSize()),
            null, ext), List.of(child)));
      } else {
        fields.add(listField(TENSOR, element));
      }
      fields.add(listField(TENSOR_SHAPE, new ArrowType.Int(64, true)));
    } else {
      fields.add(listField(X, new ArrowType.Int(16, true)));
      fields.add(listField(Y, new ArrowType.Int(16, true)));
      fields.add(listField(T, new ArrowType.Int(64, true)));
      fields.add(listField(P, ArrowType.Bool.INSTANCE));
    }
    return fields;
  }

  /** The Arrow fields of schema version 1. */
  public static List<Field> arrowFieldsV1() {
    List<Field> fields = new ArrayList<>(arrowFields(ShardLayout.events()));
    fields.removeIf(f -> f.getName().equals(SLICE_INDEX));
    return fields;
  }

  /** The Arrow schema of {@code layout} with the file metadata. */
  public static Schema arrow(String toolVersion, ShardLayout layout, List<String> transforms) {
    return new Schema(arrowFields(layout), metadata(toolVersion, layout, transforms));
  }

  static ArrowType arrowType(ShardTensor.Dtype dtype) {
    return switch (dtype) {
      case INT16 -> new ArrowType.Int(16, true);
      case INT64 -> new ArrowType.Int(64, true);
      case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    };
  }

  /** The dotted Parquet column path of the elements of a list column, e.g. {@code x.list.element}. */
  static String elementPath(String listColumn) {
    return listColumn + "." + LIST + "." + ELEMENT;
  }

  private static MessageType buildParquet(ShardLayout layout) {
    Types.GroupBuilder<MessageType> b = Types.buildMessage()
        .addField(utf8(SAMPLE_ID)).addField(utf8(DATASET)).addField(utf8(SPLIT))
        .addField(Types.required(INT32).named(LABEL))
        .addField(utf8(LABEL_NAME)).addField(utf8(SOURCE))
        .addField(Types.required(INT32).named(SENSOR_WIDTH))
        .addField(Types.required(INT32).named(SENSOR_HEIGHT))
        .addField(Types.required(INT64).named(N_EVENTS))
        .addField(Types.required(INT32).named(SLICE_INDEX));
    if (layout.staticPartner()) {
      b.addField(utf8(STATIC_SOURCE)).addField(utf8(STATIC_LABEL_NAME))
          .addField(Types.required(INT32).named(STATIC_WIDTH))
          .addField(Types.required(INT32).named(STATIC_HEIGHT))
          .addField(Types.required(INT32).named(STATIC_CHANNELS))
          .addField(Types.required(BINARY).named(STATIC_PIXELS));
    }
    if (layout.sampleMetadata()) {
      b.addField(utf8(METADATA));
    }
    if (layout.isTensor()) {
      b.addField(switch (layout.dtype()) {
        case INT16 -> list(TENSOR, INT32, intType(16, true));
        case INT64 -> list(TENSOR, INT64, null);
        case FLOAT32 -> list(TENSOR, FLOAT, null);
        case FLOAT64 -> list(TENSOR, DOUBLE, null);
      });
      b.addField(list(TENSOR_SHAPE, INT64, null));
    } else {
      b.addField(list(X, INT32, intType(16, true)))
          .addField(list(Y, INT32, intType(16, true)))
          .addField(list(T, INT64, null))
          .addField(list(P, BOOLEAN, null));
    }
    return b.named("evshard_sample");
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
