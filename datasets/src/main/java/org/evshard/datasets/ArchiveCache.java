package org.evshard.datasets;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.file.ZipMemberCheck;

/**
 * Keeps a few zip archives open so that reading thousands of members of one archive opens it once. Thread-safe.
 * Holds at most {@code capacity} archives, evicting the least recently used; an evicted archive is closed once the
 * last member stream opened from it is closed. {@link #close()} closes every cached archive at once (streams still
 * open on them fail from then on); an evicted archive still closes with its last stream.
 */
public final class ArchiveCache implements AutoCloseable {

  public static final int DEFAULT_CAPACITY = 8;

  private final int capacity;
  private final Map<Path, Archive> open = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  public ArchiveCache() {
    this(DEFAULT_CAPACITY);
  }

  public ArchiveCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("archive cache capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Opens member {@code entry} of {@code zip}; {@code source} names it in errors. The stream checks the member's
   * CRC-32 and size against the archive's record when its last byte is read.
   *
   * @throws NoSuchFileException when the archive or the member does not exist
   * @throws CorruptInputException when the member is a directory; from the stream, when its bytes do not match the
   *     archive's CRC-32 or size
   */
  public InputStream openMember(Path zip, String entry, String source) throws IOException {
    Archive archive = acquire(zip);
    try {
      ZipEntry e = find(archive.zip, entry, source);
      InputStream in = new ZipMemberCheck(archive.zip.getInputStream(e), source, e.getSize(), e.getCrc());
      return new FilterInputStream(in) {
        private boolean released;

        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            if (!released) {
              released = true;
              release(archive);
            }
          }
        }
      };
    } catch (IOException | RuntimeException e) {
      release(archive);
      throw e;
    }
  }

  /** Uncompressed size of member {@code entry}, or -1 when the archive does not record it. */
  public long memberSize(Path zip, String entry, String source) throws IOException {
    Archive archive = acquire(zip);
    try {
      return find(archive.zip, entry, source).getSize();
    } finally {
      release(archive);
    }
  }

  /** Number of archives currently held open by the cache. */
  public synchronized int openArchives() {
    return open.size();
  }

  @Override
  public synchronized void close() throws IOException {
    closed = true;
    IOException first = null;
    for (Archive a : open.values()) {
      try {
        a.zip.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }

  private static ZipEntry find(ZipFile zip, String entry, String source) throws IOException {
    ZipEntry e = zip.getEntry(entry);
    if (e == null) {
      e = byListedPath(zip, entry);
    }
    if (e == null && hasMemberUnder(zip, entry + "/")) {
      throw new CorruptInputException(source, -1, "is a directory, expected a recording file");
    }
    if (e == null) {
      throw new NoSuchFileException(source, null, "archive " + zip.getName() + " has no member " + entry);
    }
    if (e.isDirectory()) {
      throw new CorruptInputException(source, -1, "is a directory, expected a recording file");
    }
    return e;
  }

  /**
   * The member whose name, with empty parts dropped ({@code /Train/1/a.bin}, {@code Train//1/a.bin}), is {@code entry}:
   * discovery lists names that way ({@link TreeNode#ofZip}), so such a member was found and then "not in the archive".
   */
  private static ZipEntry byListedPath(ZipFile zip, String entry) {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry candidate = entries.nextElement();
      String n = candidate.getName();
      if ((n.startsWith("/") || n.contains("//")) && n.replaceAll("/+", "/").replaceFirst("^/", "").equals(entry)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean hasMemberUnder(ZipFile zip, String prefix) {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      if (entries.nextElement().getName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private synchronized Archive acquire(Path zip) throws IOException {
    if (closed) {
      throw new IllegalStateException("archive cache is closed");
    }
    Path key = zip.toAbsolutePath().normalize();
    Archive archive = open.get(key);
    if (archive == null) {
      if (!key.toFile().isFile()) {
        throw new NoSuchFileException(key.toString(), null, "archive does not exist or is not a file");
      }
      archive = new Archive(LayoutSupport.openZip(key));
      open.put(key, archive);
      evictBeyondCapacity();
    }
    archive.leases++;
    return archive;
  }

  private synchronized void release(Archive archive) throws IOException {
    archive.leases--;
    if (archive.evicted && archive.leases == 0) {
      archive.zip.close();
    }
  }

  private void evictBeyondCapacity() throws IOException {
    List<Archive> evicted = new ArrayList<>();
    Iterator<Archive> eldestFirst = open.values().iterator();
    while (open.size() > capacity && eldestFirst.hasNext()) {
      Archive a = eldestFirst.next();
      eldestFirst.remove();
      a.evicted = true;
      if (a.leases == 0) {
        evicted.add(a);
      }
    }
    for (Archive a : evicted) {
      a.zip.close();
    }
  }

  /** An open archive and how many member streams are still reading from it. */
  private static final class Archive {
    final ZipFile zip;
    int leases;
    boolean evicted;

    Archive(ZipFile zip) {
      this.zip = zip;
    }
  }
}
