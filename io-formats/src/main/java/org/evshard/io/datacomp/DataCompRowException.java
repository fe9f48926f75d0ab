package org.evshard.io.datacomp;

import org.evshard.io.error.CorruptInputException;

/**
 * One row of a DataComp metadata file holds a value the row cannot have (a null where a value is needed, a uid that
 * is not hexadecimal, a face box without four coordinates). The row has been consumed: the reader goes on with the
 * next row, so a caller rejects this row alone.
 */
public class DataCompRowException extends CorruptInputException {

  private final long row;

  public DataCompRowException(String source, long row, String column, String what) {
    super(source, -1, "row " + row + ", column '" + column + "': " + what);
    this.row = row;
  }

  /** Index of the bad row in its file (0-based). */
  public long row() {
    return row;
  }
}
