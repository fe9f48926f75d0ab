package org.evshard.transforms.spec;

import java.util.List;
import java.util.function.Function;

/**
 * A registry entry: the transform's name, what it produces, its parameter schema and the factory that turns checked
 * {@link Args} into a configured {@link Step}.
 */
public record TransformDef(String name, Output output, String summary, List<ParamDef> params,
    Function<Args, Step> factory) {

  /** What applying the transform yields. */
  public enum Output { EVENTS, SLICES, TENSOR }

  public TransformDef {
    params = List.copyOf(params);
  }

  public ParamDef param(String name) {
    for (ParamDef p : params) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(this.name + " has no parameter " + name);
  }

  /** e.g. {@code denoise(filter_time)}. */
  public String usage() {
    StringBuilder b = new StringBuilder(name).append('(');
    for (int i = 0; i < params.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(params.get(i).usage());
    }
    return b.append(')').toString();
  }
}
