package org.evshard.transforms;

/**
 * Root of every error the transforms module raises: a bad transform spec, an invalid parameter value, or input the
 * kernel cannot process (e.g. an event outside the sensor). It is an {@link IllegalArgumentException} because each of
 * these is a problem with what the caller handed in, never an internal failure.
 */
public class TransformException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public TransformException(String message) {
    super(message);
  }

  public TransformException(String message, Throwable cause) {
    super(message, cause);
  }
}
