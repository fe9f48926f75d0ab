package org.evshard.datasets;

/**
 * Root of every error the datasets module raises itself. Unchecked, like io-formats' {@code EvshardIoException};
 * subclasses say what went wrong ({@link DatasetLayoutException}, {@link UnknownDatasetException}). Errors about the
 * bytes of one sample are not raised here: reading a sample reports them with io-formats' exceptions.
 */
public class EvshardDatasetException extends RuntimeException {

  public EvshardDatasetException(String message) {
    super(message);
  }

  public EvshardDatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
