package org.evshard.io.npy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A numpy dtype evshard reads: either one scalar type or a packed structured type, a list of named scalar fields laid
 * out back to back (what {@code np.dtype([('x', '<i2'), ...])} gives). Nested, sub-array and padded dtypes are not
 * represented.
 */
public final class NpyDtype {

  /** Tonic's event dtype, as numpy writes it: {@code [('x', '<i2'), ('y', '<i2'), ('t', '<i8'), ('p', '|b1')]}. */
  public static final NpyDtype TONIC_EVENTS = structured(List.of(
      new String[] {"x", "<i2"}, new String[] {"y", "<i2"}, new String[] {"t", "<i8"}, new String[] {"p", "|b1"}));

  private final NpyElementType scalar;
  private final List<NpyField> fields;
  private final int itemSize;

  private NpyDtype(NpyElementType scalar, List<NpyField> fields, int itemSize) {
    this.scalar = scalar;
    this.fields = fields;
    this.itemSize = itemSize;
  }

  public static NpyDtype scalar(NpyElementType type) {
    return new NpyDtype(Objects.requireNonNull(type), List.of(), type.size());
  }

  /** A packed structured dtype from its fields, in order. */
  public static NpyDtype ofFields(List<String> names, List<NpyElementType> types) {
    if (names.isEmpty() || names.size() != types.size()) {
      throw new IllegalArgumentException("a structured dtype needs one or more fields, each with a type");
    }
    List<NpyField> fs = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (fs.stream().anyMatch(f -> f.name().equals(name))) {
        throw new IllegalArgumentException("field '" + name + "' appears twice");
      }
      fs.add(new NpyField(name, types.get(i), offset));
      offset += types.get(i).size();
    }
    return new NpyDtype(null, List.copyOf(fs), offset);
  }

  private static NpyDtype structured(List<String[]> pairs) {
    return ofFields(pairs.stream().map(p -> p[0]).toList(),
        pairs.stream().map(p -> NpyElementType.parse(p[1])).toList());
  }

  public boolean isStructured() {
    return scalar == null;
  }

  /** The scalar type; only for a non-structured dtype. */
  public NpyElementType scalarType() {
    if (scalar == null) {
      throw new IllegalStateException("structured dtype " + descr() + " has no single scalar type");
    }
    return scalar;
  }

  /** The fields in record order; empty for a scalar dtype. */
  public List<NpyField> fields() {
    return fields;
  }

  public Optional<NpyField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Bytes per element (per record for a structured dtype). */
  public int itemSize() {
    return itemSize;
  }

  /** The {@code descr} value as numpy writes it in a header (a Python literal). */
  public String descr() {
    if (scalar != null) {
      return PyLiteral.repr(scalar.descr());
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < fields.size(); i++) {
      NpyField f = fields.get(i);
      b.append(i == 0 ? "" : ", ").append('(').append(PyLiteral.repr(f.name())).append(", ")
          .append(PyLiteral.repr(f.type().descr())).append(')');
    }
    return b.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyDtype d && Objects.equals(scalar, d.scalar) && fields.equals(d.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scalar, fields);
  }

  @Override
  public String toString() {
    return descr();
  }
}
