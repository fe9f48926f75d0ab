package org.evshard.transforms.spec;

import java.util.List;

/**
 * One parameter of a transform: its name, type, whether it must be given, its default ({@code null}: none, i.e.
 * Tonic's {@code None}) and, for {@link ParamType#CHOICE}, the accepted names (the first is the default).
 */
public record ParamDef(String name, ParamType type, boolean required, Object defaultValue, List<String> choices,
    String doc) {

  public ParamDef {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }

  public static ParamDef required(String name, ParamType type, String doc) {
    return new ParamDef(name, type, true, null, null, doc);
  }

  public static ParamDef optional(String name, ParamType type, Object defaultValue, String doc) {
    return new ParamDef(name, type, false, defaultValue, null, doc);
  }

  public static ParamDef choice(String name, List<String> choices, String doc) {
    return new ParamDef(name, ParamType.CHOICE, false, choices.get(0), choices, doc);
  }

  /** How the parameter reads in a usage line, e.g. {@code overlap=0} or {@code filter_time}. */
  public String usage() {
    if (required) {
      return name;
    }
    if (type == ParamType.CHOICE) {
      return name + "=" + String.join("|", choices);
    }
    return name + "=" + (defaultValue == null ? "None" : defaultValue instanceof Boolean b ? (b ? "True" : "False")
        : defaultValue);
  }
}
