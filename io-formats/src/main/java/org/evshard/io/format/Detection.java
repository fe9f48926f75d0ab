package org.evshard.io.format;

/** How sure a format is that some bytes are its own; the registry takes the strongest. */
public enum Detection {
  /** Not this format. */
  NO,
  /** Only the file name's extension matches. */
  EXTENSION,
  /** A header or structure typical of the format matches. */
  HEADER,
  /** An unambiguous magic number matches. */
  MAGIC
}
