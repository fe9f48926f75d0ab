package org.evshard.transforms.spec;

/** What a parameter accepts. */
public enum ParamType {
  /** A 64-bit integer; a float with an integral value (1e4) is accepted. */
  INT("an integer"),
  /** A float64; integers are accepted. */
  FLOAT("a number"),
  /** True or False. */
  BOOL("True or False"),
  /** One of a fixed set of names (a named variant such as {@code scaling=e2vid}). */
  CHOICE("one of"),
  /** A list of integer pairs, e.g. {@code [(1, 2), (3, 4)]}. */
  PAIRS("a list of (x, y) integer pairs"),
  /** A tuple of integers, e.g. {@code (32, 32, 8)}. */
  INTS("a tuple of integers");

  private final String description;

  ParamType(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
