package org.evshard.transforms;

/**
 * A kernel would build a larger output for one sample than {@link OutputBudget} allows: the message names the
 * transform, what it would build (a tensor's shape, an event count), the bytes it needs and the limit. Raised before
 * anything of that size is allocated; the pipelines record it as the sample's rejection reason.
 */
public class OutputTooLargeException extends TransformException {

  private static final long serialVersionUID = 1L;

  public OutputTooLargeException(String message) {
    super(message);
  }
}
