package org.evshard.io.shard;

import java.util.Arrays;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.error.ShardException;
import org.evshard.io.events.Events;

/**
 * Assembles {@link SampleRow}s from Parquet's push converters into reusable primitive buffers (no boxing). Works on
 * the full schema or a projection of it: columns not requested read as "" / 0 / no events.
 */
final class SampleRowMaterializer extends RecordMaterializer<SampleRow> {

  private final String name;
  private final boolean allColumns;
  private final ShardLayout layout;
  private final Root root;
  private SampleRow current;

  // row state, reset at the start of each record
  private final String[] strings = new String[8];
  private boolean hasMetadata;
  private final int[] ints = new int[7];
  private byte[] pixels;
  private short[] tShorts = new short[0];
  private long[] tLongs = new long[0];
  private float[] tFloats = new float[0];
  private double[] tDoubles = new double[0];
  private int tn;
  private boolean hasTensor;
  private long[] shape = new long[8];
  private int ns;
  private long nEvents;
  private short[] xs = new short[1024];
  private short[] ys = new short[1024];
  private long[] ts = new long[1024];
  private boolean[] ps = new boolean[1024];
  private int nx;
  private int ny;
  private int nt;
  private int np;

  SampleRowMaterializer(String name, MessageType requested, ShardLayout layout) {
    this.name = name;
    this.layout = layout;
    this.allColumns = requested.containsField(ShardSchema.N_EVENTS) && requested.containsField(ShardSchema.X);
    this.root = new Root(requested);
  }

  @Override
  public SampleRow getCurrentRecord() {
    return current;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  private Converter converterFor(String column) {
    return switch (column) {
      case ShardSchema.SAMPLE_ID -> new StringSlot(0);
      case ShardSchema.DATASET -> new StringSlot(1);
      case ShardSchema.SPLIT -> new StringSlot(2);
      case ShardSchema.LABEL_NAME -> new StringSlot(3);
      case ShardSchema.SOURCE -> new StringSlot(4);
      case ShardSchema.LABEL -> new IntSlot(0);
      case ShardSchema.SENSOR_WIDTH -> new IntSlot(1);
      case ShardSchema.SENSOR_HEIGHT -> new IntSlot(2);
      case ShardSchema.SLICE_INDEX -> new IntSlot(3);
      case ShardSchema.METADATA -> {
        hasMetadata = true;
        yield new StringSlot(7);
      }
      case ShardSchema.STATIC_SOURCE -> new StringSlot(5);
      case ShardSchema.STATIC_LABEL_NAME -> new StringSlot(6);
      case ShardSchema.STATIC_WIDTH -> new IntSlot(4);
      case ShardSchema.STATIC_HEIGHT -> new IntSlot(5);
      case ShardSchema.STATIC_CHANNELS -> new IntSlot(6);
      case ShardSchema.STATIC_PIXELS -> new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {
          pixels = value.getBytes();
        }
      };
      case ShardSchema.TENSOR_SHAPE -> list(new PrimitiveConverter() {
        @Override
        public void addLong(long value) {
          if (ns == shape.length) {
            shape = Arrays.copyOf(shape, ns * 2);
          }
          shape[ns++] = value;
        }
      });
      case ShardSchema.TENSOR -> {
        hasTensor = true;
        yield list(new PrimitiveConverter() {
          @Override
          public void addInt(int value) {
            if (tn == tShorts.length) {
              tShorts = Arrays.copyOf(tShorts, Math.max(1024, tn * 2));
            }
            tShorts[tn++] = checkedShort(value);
          }

          @Override
          public void addLong(long value) {
            if (tn == tLongs.length) {
              tLongs = Arrays.copyOf(tLongs, Math.max(1024, tn * 2));
            }
            tLongs[tn++] = value;
          }

          @Override
          public void addFloat(float value) {
            if (tn == tFloats.length) {
              tFloats = Arrays.copyOf(tFloats, Math.max(1024, tn * 2));
            }
            tFloats[tn++] = value;
          }

          @Override
          public void addDouble(double value) {
            if (tn == tDoubles.length) {
              tDoubles = Arrays.copyOf(tDoubles, Math.max(1024, tn * 2));
            }
            tDoubles[tn++] = value;
          }
        });
      }
      case ShardSchema.N_EVENTS -> new PrimitiveConverter() {
        @Override
        public void addLong(long value) {
          nEvents = value;
        }
      };
      case ShardSchema.X -> list(new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          if (nx == xs.length) {
            xs = Arrays.copyOf(xs, nx * 2);
          }
          xs[nx++] = checkedShort(value);
        }
      });
      case ShardSchema.Y -> list(new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          if (ny == ys.length) {
            ys = Arrays.copyOf(ys, ny * 2);
          }
          ys[ny++] = checkedShort(value);
        }
      });
      case ShardSchema.T -> list(new PrimitiveConverter() {
        @Override
        public void addLong(long value) {
          if (nt == ts.length) {
            ts = Arrays.copyOf(ts, nt * 2);
          }
          ts[nt++] = value;
        }
      });
      case ShardSchema.P -> list(new PrimitiveConverter() {
        @Override
        public void addBoolean(boolean value) {
          if (np == ps.length) {
            ps = Arrays.copyOf(ps, np * 2);
          }
          ps[np++] = value;
        }
      });
      default -> throw new ShardException(name, "unexpected column '" + column + "' (schema "
          + ShardSchema.SCHEMA_VERSION + " has " + ShardSchema.COLUMNS + ")");
    };
  }

  private short checkedShort(int value) {
    if (value != (short) value) {
      throw new ShardException(name, "event coordinate " + value + " does not fit int16");
    }
    return (short) value;
  }

  private void startRow() {
    Arrays.fill(strings, "");
    Arrays.fill(ints, 0);
    ints[3] = -1;
    pixels = null;
    nEvents = 0;
    tn = 0;
    ns = 0;
    nx = 0;
    ny = 0;
    nt = 0;
    np = 0;
  }

  private void endRow() {
    if (nx != nt || ny != nt || np != nt) {
      throw new ShardException(name, "sample " + strings[0] + ": event lists differ in length: x=" + nx + " y=" + ny
          + " t=" + nt + " p=" + np);
    }
    if (allColumns && nEvents != nt) {
      throw new ShardException(name, "sample " + strings[0] + ": n_events is " + nEvents + " but the lists hold "
          + nt + " events");
    }
    Events events = nt == 0 ? Events.empty() : Events.copyOf(xs, ys, ts, ps, nt);
    ShardTensor tensor = null;
    if (hasTensor) {
      long[] dims = Arrays.copyOf(shape, ns);
      try {
        tensor = switch (layout.dtype()) {
          case INT16 -> ShardTensor.ofInt16(dims, Arrays.copyOf(tShorts, tn));
          case INT64 -> ShardTensor.ofInt64(dims, Arrays.copyOf(tLongs, tn));
          case FLOAT32 -> ShardTensor.ofFloat32(dims, Arrays.copyOf(tFloats, tn));
          case FLOAT64 -> ShardTensor.ofFloat64(dims, Arrays.copyOf(tDoubles, tn));
        };
      } catch (IllegalArgumentException e) {
        throw new ShardException(name, "sample " + strings[0] + ": tensor_shape does not match the tensor: "
            + e.getMessage(), e);
      }
    }
    StaticImage partner = null;
    if (pixels != null) {
      try {
        partner = new StaticImage(strings[5], strings[6], ints[4], ints[5], ints[6], pixels);
      } catch (IllegalArgumentException e) {
        throw new ShardException(name, "sample " + strings[0] + ": " + e.getMessage(), e);
      }
    }
    current = new SampleRow(strings[0], strings[1], strings[2], ints[0], strings[3], strings[4], ints[1], ints[2],
        events, nt > 0 ? nt : nEvents, ints[3], tensor, partner, hasMetadata ? strings[7] : null);
  }

  private static GroupConverter list(PrimitiveConverter element) {
    GroupConverter repeated = new Group(new Converter[] {element});
    return new Group(new Converter[] {repeated});
  }

  private final class Root extends GroupConverter {
    private final Converter[] children;

    Root(GroupType type) {
      children = new Converter[type.getFieldCount()];
      for (int i = 0; i < children.length; i++) {
        children[i] = converterFor(type.getFieldName(i));
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      startRow();
    }

    @Override
    public void end() {
      endRow();
    }
  }

  /** A group whose start and end carry no information (the LIST wrappers). */
  private static final class Group extends GroupConverter {
    private final Converter[] children;

    Group(Converter[] children) {
      this.children = children;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
    }

    @Override
    public void end() {
    }
  }

  private final class StringSlot extends PrimitiveConverter {
    private final int slot;

    StringSlot(int slot) {
      this.slot = slot;
    }

    @Override
    public void addBinary(Binary value) {
      strings[slot] = value.toStringUsingUTF8();
    }
  }

  private final class IntSlot extends PrimitiveConverter {
    private final int slot;

    IntSlot(int slot) {
      this.slot = slot;
    }

    @Override
    public void addInt(int value) {
      ints[slot] = value;
    }
  }
}
