package org.evshard.transforms.spec;

import org.evshard.transforms.TransformException;

/** A transform spec that does not read as {@code name(key=value, ...)}; the message shows the column. */
public class SpecSyntaxException extends TransformException {

  private static final long serialVersionUID = 1L;

  public SpecSyntaxException(String spec, int column, String problem) {
    super("transform spec '" + spec + "' at column " + (column + 1) + ": " + problem + "\n  " + spec + "\n  "
        + " ".repeat(Math.max(0, column)) + "^");
  }
}
