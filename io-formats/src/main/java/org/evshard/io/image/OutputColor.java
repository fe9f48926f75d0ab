package org.evshard.io.image;

/** The channels the resizer writes: as decoded (img2dataset's behaviour), always colour, or always grayscale. */
public enum OutputColor {
  /** Grayscale stays one channel, colour stays three (img2dataset keeps what {@code IMREAD_UNCHANGED} gives). */
  AS_DECODED,
  /** Three channels; grayscale is replicated. */
  COLOR,
  /** One channel, OpenCV's {@code COLOR_BGR2GRAY} (0.299 R + 0.587 G + 0.114 B, rounded in fixed point). */
  GRAY
}
