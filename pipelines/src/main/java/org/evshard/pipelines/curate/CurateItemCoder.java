package org.evshard.pipelines.curate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A compact Beam coder of {@link CurateItem}: the fields in order with Beam's own coders (Java serialization only for
 * the DataComp metadata, when present). Java serialization of every item cost about an eighth of a curate run's CPU on
 * the DirectRunner, which encodes each element it passes between steps.
 */
public final class CurateItemCoder extends AtomicCoder<CurateItem> {

  private static final CurateItemCoder INSTANCE = new CurateItemCoder();
  private static final Coder<String> STRING = StringUtf8Coder.of();
  private static final Coder<String> NULLABLE_STRING = NullableCoder.of(StringUtf8Coder.of());
  private static final Coder<Integer> NULLABLE_INT = NullableCoder.of(VarIntCoder.of());
  private static final Coder<Map<String, String>> ATTRIBUTES = MapCoder.of(StringUtf8Coder.of(),
      StringUtf8Coder.of());
  private static final Coder<DataCompFields> DATACOMP = NullableCoder.of(SerializableCoder.of(DataCompFields.class));
  private static final Coder<byte[]> IMAGE = NullableCoder.of(ByteArrayCoder.of());

  private CurateItemCoder() {
  }

  public static CurateItemCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(CurateItem item, OutputStream out) throws IOException {
    STRING.encode(item.sampleId(), out);
    STRING.encode(item.dataset(), out);
    STRING.encode(item.split(), out);
    NULLABLE_INT.encode(item.label(), out);
    NULLABLE_STRING.encode(item.labelName(), out);
    STRING.encode(item.source(), out);
    VarLongCoder.of().encode(item.offset() + 1, out); // -1 (a plain file) as 0
    NULLABLE_STRING.encode(item.caption(), out);
    ATTRIBUTES.encode(item.attributes(), out);
    DATACOMP.encode(item.datacomp(), out);
    IMAGE.encode(item.image(), out);
  }

  @Override
  public CurateItem decode(InputStream in) throws IOException {
    return new CurateItem(STRING.decode(in), STRING.decode(in), STRING.decode(in), NULLABLE_INT.decode(in),
        NULLABLE_STRING.decode(in), STRING.decode(in), VarLongCoder.of().decode(in) - 1, NULLABLE_STRING.decode(in),
        ATTRIBUTES.decode(in), DATACOMP.decode(in), IMAGE.decode(in));
  }
}
