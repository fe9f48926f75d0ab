package org.evshard.io.tar;

/**
 * Why a tar entry was not delivered as part of a sample. Each reason has a stable lower-case name for counters,
 * manifests and error reports; the names never change once released.
 */
public enum TarSkipReason {
  /** A directory entry (webdataset reads regular files only). */
  DIRECTORY("directory"),
  /** A symbolic link: never followed. */
  SYMLINK("symlink"),
  /** A hard link: never followed. */
  HARDLINK("hardlink"),
  CHARACTER_DEVICE("character_device"),
  BLOCK_DEVICE("block_device"),
  FIFO("fifo"),
  /** Any other non-regular type (sparse files, vendor extensions). */
  OTHER_TYPE("other_type"),
  /** A name starting with {@code /}. */
  ABSOLUTE_PATH("absolute_path"),
  /** A name with a {@code ..} component. */
  PARENT_PATH("parent_path"),
  /** webdataset's metadata names ({@code __name__} at top level, or starting with {@code __x__/}), which it skips. */
  WEBDATASET_META("webdataset_meta"),
  /** No extension after the basename ({@code base_plus_ext} finds no key), which webdataset drops. */
  NO_EXTENSION("no_extension"),
  /** The header's size exceeds {@link TarLimits#maxEntryBytes()}; the data was skipped unread. */
  ENTRY_TOO_LARGE("entry_too_large"),
  /** Every entry of a sample whose members together exceed {@link TarLimits#maxSampleBytes()}. */
  SAMPLE_TOO_LARGE("sample_too_large");

  private final String label;

  TarSkipReason(String label) {
    this.label = label;
  }

  /** The stable name, e.g. {@code symlink}. */
  public String label() {
    return label;
  }
}
