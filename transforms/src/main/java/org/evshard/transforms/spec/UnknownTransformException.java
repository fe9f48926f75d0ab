package org.evshard.transforms.spec;

import org.evshard.transforms.TransformException;

/** A spec names a transform the registry does not know; the message suggests near names. */
public class UnknownTransformException extends TransformException {

  private static final long serialVersionUID = 1L;

  public UnknownTransformException(String message) {
    super(message);
  }
}
