package org.evshard.io.error;

/** The input is of a format, version or feature evshard does not read (or could not recognise). */
public class UnsupportedFormatException extends EvshardIoException {

  public UnsupportedFormatException(String source, long offset, String message) {
    super(source, offset, message);
  }
}
