package org.evshard.transforms.spec;

import org.evshard.transforms.InvalidParameterException;

/** A spec gives a parameter the transform does not have; the message suggests near names and shows the usage. */
public class UnknownParameterException extends InvalidParameterException {

  private static final long serialVersionUID = 1L;

  public UnknownParameterException(String message) {
    super(message);
  }
}
