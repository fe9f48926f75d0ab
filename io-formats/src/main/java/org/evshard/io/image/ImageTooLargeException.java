package org.evshard.io.image;

import org.evshard.io.error.LimitExceededException;

/**
 * An image's header claims more pixels, or its encoding holds more bytes, than {@link ImageLimits} allow (raised
 * before any pixel is decoded, so a decompression bomb costs only the header read), or its decoded pixels are more
 * than a caller may copy onto its heap.
 */
public class ImageTooLargeException extends LimitExceededException {

  public ImageTooLargeException(String source, long offset, String what, long found, long limit) {
    super(source, offset, what, found, limit);
  }

  public ImageTooLargeException(String source, long offset, String what, long found, long limit, String why) {
    super(source, offset, what, found, limit, why);
  }
}
