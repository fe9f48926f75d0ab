package org.evshard.io.image;

import org.evshard.io.error.LimitExceededException;

/**
 * An image's header claims more pixels, or its encoding holds more bytes, than {@link ImageLimits} allow. Raised
 * before any pixel is decoded, so a decompression bomb costs only the header read.
 */
public class ImageTooLargeException extends LimitExceededException {

  public ImageTooLargeException(String source, long offset, String what, long found, long limit) {
    super(source, offset, what, found, limit);
  }
}
