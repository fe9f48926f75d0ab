package org.evshard.transforms.select;

import org.evshard.transforms.TransformException;

/**
 * A group (one class or cluster handed to a selection kernel) needs more working memory than the configured limit;
 * the message gives the group size, feature dimension, bytes needed and the limit, so the caller can split the group
 * (e.g. by k-means) or raise the limit.
 */
public class GroupTooLargeException extends TransformException {

  private static final long serialVersionUID = 1L;

  public GroupTooLargeException(String message) {
    super(message);
  }
}
