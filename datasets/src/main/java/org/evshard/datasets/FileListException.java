package org.evshard.datasets;

/** A file list ({@link FileListing}) that cannot be used: the message names the list and the line. */
public class FileListException extends EvshardDatasetException {

  public FileListException(String message) {
    super(message);
  }
}
