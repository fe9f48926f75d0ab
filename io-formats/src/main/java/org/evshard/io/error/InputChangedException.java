package org.evshard.io.error;

/**
 * A file changed between two moments its reader relies on: after the run listed it, or while it was read (a copy or
 * an unzip still writing it, a sync tool replacing it). Its bytes may be a valid but partial recording, so it is
 * rejected rather than decoded as it happens to be (tar says "file changed as we read it").
 */
public class InputChangedException extends EvshardIoException {

  public InputChangedException(String source, long offset, String message) {
    super(source, offset, message);
  }
}
