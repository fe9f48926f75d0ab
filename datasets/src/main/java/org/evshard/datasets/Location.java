package org.evshard.datasets;

/**
 * Where a listed folder lives: a folder relative to the input root, or a folder inside a zip.
 *
 * @param archive relative path of the zip, or null for the file system
 * @param prefix path of the folder relative to the root (or to the zip), empty or ending with {@code /}
 */
record Location(String archive, String prefix) {

  static Location folder(String prefix) {
    return new Location(null, prefix);
  }

  static Location inArchive(String archive, String prefix) {
    return new Location(archive, prefix);
  }

  Location child(String name) {
    return new Location(archive, prefix + name + "/");
  }

  /** The {@link SampleRef#source()} of {@code name} in this folder. */
  String source(String name) {
    return archive == null ? prefix + name : archive + SampleRef.MEMBER_SEPARATOR + prefix + name;
  }

  /** The {@link SampleRef#entry()} of {@code name} in this folder, or null outside archives. */
  String entry(String name) {
    return archive == null ? null : prefix + name;
  }

  /** How an ignored node is reported: its source, with a trailing {@code /} for a directory. */
  String ignored(TreeNode node) {
    return source(node.name()) + (node.isDirectory() ? "/" : "");
  }
}
