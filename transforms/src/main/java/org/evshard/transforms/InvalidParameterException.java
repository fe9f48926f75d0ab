package org.evshard.transforms;

/**
 * A parameter of a transform is out of its valid range or has the wrong type; the message names the transform, the
 * parameter, what it accepts and what it got.
 */
public class InvalidParameterException extends TransformException {

  private static final long serialVersionUID = 1L;

  public InvalidParameterException(String message) {
    super(message);
  }

  /** {@code "<transform>: <parameter> must be <expected>, got <found>"}. */
  public static InvalidParameterException of(String transform, String parameter, String expected, Object found) {
    return new InvalidParameterException(transform + ": " + parameter + " must be " + expected + ", got " + found);
  }
}
