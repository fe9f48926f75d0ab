package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A listing of names, from a folder or from the entries of a zip, so that layouts are matched the same way in both.
 * Children are kept sorted by name, so everything built on a tree is independent of listing order. Package-private:
 * built during discovery only.
 */
final class TreeNode {

  private final String name;
  private boolean directory;
  private final Map<String, TreeNode> children = new TreeMap<>();
  /** How many zip entries carry this file's name (a zip may hold several; a folder cannot). */
  private int copies = 1;

  private TreeNode(String name, boolean directory) {
    this.name = name;
    this.directory = directory;
  }

  String name() {
    return name;
  }

  boolean isDirectory() {
    return directory;
  }

  /** Children sorted by name (String natural order). */
  Collection<TreeNode> children() {
    return Collections.unmodifiableCollection(children.values());
  }

  /** How many entries of its zip carry this file's path (1 for a folder's file). */
  int copies() {
    return copies;
  }

  /** The child called {@code childName}, or null. */
  TreeNode child(String childName) {
    return children.get(childName);
  }

  /**
   * Lists {@code dir} down to {@code maxDepth} levels (1 = its entries only), following symbolic links. A directory at
   * the last level is listed as an empty directory.
   */
  static TreeNode ofFolder(Path dir, int maxDepth) throws IOException {
    Deque<TreeNode> open = new ArrayDeque<>();
    TreeNode[] top = new TreeNode[1];
    Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), maxDepth, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        TreeNode node = open.isEmpty()
            ? new TreeNode(String.valueOf(d.getFileName()), true)
            : open.peek().add(d.getFileName().toString(), true);
        if (top[0] == null) {
          top[0] = node;
        }
        open.push(node);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        open.peek().add(f.getFileName().toString(), attrs.isDirectory());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        open.pop();
        return FileVisitResult.CONTINUE;
      }
    });
    return top[0];
  }

  /**
   * {@code dir} (the input {@code root} or a folder below it) as {@link #ofFolder} lists it, or, when the options
   * carry a {@link FileListing}, as that listing has it: the folder is then not walked.
   */
  static TreeNode list(Path root, Path dir, int maxDepth, DiscoveryOptions options) throws IOException {
    if (options.listing() == null) {
      return ofFolder(dir, maxDepth);
    }
    String prefix = root.relativize(dir).toString().replace('\\', '/');
    return ofListing(options.listing(), prefix, maxDepth, String.valueOf(dir.getFileName()));
  }

  /**
   * The listed paths below {@code prefix} ({@code ""} for the root) as a tree named {@code name}, down to
   * {@code maxDepth} levels like {@link #ofFolder}: a directory at the last level has no children.
   */
  static TreeNode ofListing(FileListing listing, String prefix, int maxDepth, String name) {
    TreeNode top = new TreeNode(name, true);
    String p = prefix.isEmpty() ? "" : prefix + "/";
    for (String path : listing.paths().tailSet(p, true)) {
      if (!path.startsWith(p)) {
        break;
      }
      String[] segments = path.substring(p.length()).split("/");
      TreeNode node = top;
      for (int i = 0; i < segments.length && i < maxDepth; i++) {
        node = node.add(segments[i], i < segments.length - 1);
      }
    }
    return top;
  }

  /** The entries of {@code zip} as a tree; directories without an entry of their own are inferred from paths. */
  static TreeNode ofZip(ZipFile zip) {
    TreeNode root = new TreeNode("", true);
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry e = entries.nextElement();
      String[] segments = e.getName().split("/");
      TreeNode node = root;
      int last = segments.length - 1;
      for (int i = 0; i <= last; i++) {
        if (!segments[i].isEmpty()) {
          boolean dir = i < last || e.isDirectory();
          TreeNode before = node.child(segments[i]);
          node = node.add(segments[i], dir);
          if (!dir && before != null && !before.directory) {
            node.copies++; // a second member of the same name: the layouts reject every copy
          }
        }
      }
    }
    return root;
  }

  private TreeNode add(String childName, boolean childIsDirectory) {
    TreeNode child = children.computeIfAbsent(childName, n -> new TreeNode(n, childIsDirectory));
    if (childIsDirectory) {
      child.directory = true;
    }
    directory = true;
    return child;
  }
}
