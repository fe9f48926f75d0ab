package org.evshard.io.hdf5;

import io.jhdf.exceptions.HdfFilterException;

/**
 * A well-formed Blosc chunk compressed with a codec evshard does not decode (snappy). It is a jhdf
 * {@link HdfFilterException}, the type jhdf uses for data it has no decoder for, so {@link Hdf5EventReader} reports
 * it as an {@link org.evshard.io.error.UnsupportedFormatException} naming the codec.
 */
public final class BloscCodecUnsupportedException extends HdfFilterException {

  private static final long serialVersionUID = 1L;

  public BloscCodecUnsupportedException(String message) {
    super(message);
  }
}
