package org.evshard.transforms.spec;

import org.evshard.transforms.InvalidParameterException;

/** A required parameter is missing from a spec; the message shows the usage. */
public class MissingParameterException extends InvalidParameterException {

  private static final long serialVersionUID = 1L;

  public MissingParameterException(String message) {
    super(message);
  }
}
