package org.evshard.io.tar;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;

/**
 * Streams the samples of one webdataset shard (a plain or gzip-compressed tar, told apart by the gzip magic) without
 * extracting anything to disk, holding one sample in memory at a time.
 *
 * <p>Grouping follows webdataset's {@code tariterators.py}: only regular files are read; top-level {@code __x__} names
 * and names matching {@code __[^/]*__($|/)} are metadata and skipped; each name is split by {@code base_plus_ext}
 * ({@link WebDatasetName}); consecutive files with the same key form one sample whose fields are the lower-cased
 * extensions; the same extension twice in one sample is an error, as in {@code group_by_keys}. In addition, for safety,
 * links, devices, FIFOs, absolute names and names with a {@code ..} component are skipped, and every size is checked
 * from the header against {@link TarLimits} before the data is read. Every skipped entry is counted by
 * {@link TarSkipReason}.
 *
 * <p>A truncated or corrupt shard (including a missing end-of-archive marker) raises {@link CorruptInputException}
 * naming the shard and the offset of the entry header concerned; for a gzip shard offsets are in the decompressed tar
 * stream. Samples completed before the error have been (or are first) delivered; the sample being assembled when the
 * error hit is lost.
 */
public final class WebDatasetReader implements Closeable {

  private static final int RECORD = 512;

  private final String shard;
  private final TarLimits limits;
  private final boolean gzip;
  private final long knownLength;
  private final CountingInput counted;
  private final TarArchiveInputStream tar;
  private final long[] skips = new long[TarSkipReason.values().length];
  private long nextHeader;
  private long entries;
  private boolean ended;
  private EvshardIoException failure;

  private String pendingKey;
  private final List<TarMember> pending = new ArrayList<>();
  private final Set<String> pendingExtensions = new HashSet<>();
  private long pendingBytes;
  private boolean pendingDropped;
  /** The pending sample's members skipped as over the entry limit ("NAME (N bytes)"). */
  private final List<String> pendingOversized = new ArrayList<>();

  /**
   * Reads from {@code in} (closed by {@link #close()}).
   *
   * @param shard the name used in samples and error messages
   */
  public WebDatasetReader(InputStream in, String shard, TarLimits limits) throws IOException {
    this(in, shard, limits, -1);
  }

  private WebDatasetReader(InputStream in, String shard, TarLimits limits, long fileLength) throws IOException {
    this.shard = Objects.requireNonNull(shard);
    this.limits = Objects.requireNonNull(limits);
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    this.gzip = b0 == 0x1f && b1 == 0x8b;
    this.knownLength = gzip ? -1 : fileLength;
    InputStream plain = buffered;
    if (gzip) {
      try {
        plain = GzipCompressorInputStream.builder().setInputStream(buffered).setDecompressConcatenated(true).get();
      } catch (IOException e) {
        buffered.close();
        throw new CorruptInputException(shard, 0, "unreadable gzip header: " + why(e), e);
      }
    }
    this.counted = new CountingInput(plain);
    this.tar = new TarArchiveInputStream(counted, StandardCharsets.UTF_8.name());
  }

  /** Opens a shard file with the given limits. */
  public static WebDatasetReader open(Path shard, TarLimits limits) throws IOException {
    InputStream in = Files.newInputStream(org.evshard.io.file.RegularFile.require(shard));
    try {
      return new WebDatasetReader(in, shard.toString(), limits, Files.size(shard));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  public static WebDatasetReader open(Path shard) throws IOException {
    return open(shard, TarLimits.defaults());
  }

  /** The next complete sample, or empty at the end of the shard. */
  public Optional<WebDatasetSample> next() throws IOException {
    try {
      return advance();
    } catch (EvshardIoException e) {
      ended = true; // the stream position is unknown after an error: the reader stays at its end
      discardPending();
      throw e;
    }
  }

  private Optional<WebDatasetSample> advance() throws IOException {
    if (failure != null) {
      EvshardIoException f = failure;
      failure = null;
      ended = true;
      discardPending();
      throw f;
    }
    while (!ended) {
      long headerAt = nextHeader;
      TarArchiveEntry e;
      truncatedEntryName = null;
      try {
        e = nextEntry(headerAt);
      } catch (EvshardIoException ex) {
        // a complete sample before a truncated entry of another key is delivered first; the failure comes next
        String key = truncatedEntryName == null ? null
            : WebDatasetName.parse(truncatedEntryName).map(WebDatasetName::key).orElse(null);
        if (pendingKey != null && key != null && !key.equals(pendingKey)) {
          // a sample whose members were all skipped (over a limit) is no sample: then the failure comes now
          WebDatasetSample done = finishPending();
          if (done != null) {
            failure = ex;
            return Optional.of(done);
          }
        }
        ended = true;
        discardPending();
        throw ex;
      }
      if (e == null) {
        ended = true;
        break;
      }
      TarSkipReason reason = classify(e);
      if (reason != null) {
        skipData(e, headerAt, reason);
        continue;
      }
      WebDatasetName name = WebDatasetName.parse(e.getName()).orElseThrow();
      String ext = name.lowerCaseExtension();
      WebDatasetSample done = null;
      if (pendingKey != null && !pendingKey.equals(name.key())) {
        done = finishPending();
      }
      if (pendingKey == null) {
        pendingKey = name.key();
      }
      if (!pendingExtensions.add(ext)) {
        throw new CorruptInputException(shard, headerAt, "duplicate file name in sample '" + pendingKey
            + "': a second member with extension '" + ext + "' (" + e.getName() + "), as webdataset's group_by_keys "
            + "rejects");
      }
      try {
        readMember(e, headerAt, ext);
      } catch (EvshardIoException ex) {
        if (done == null) {
          ended = true;
          discardPending();
          throw ex;
        }
        failure = ex; // deliver the complete sample first, fail on the next call
      }
      if (done != null) {
        return Optional.of(done);
      }
    }
    WebDatasetSample last = pendingKey == null ? null : finishPending();
    return Optional.ofNullable(last);
  }

  /** Calls {@code action} with every remaining sample; I/O errors come back unchecked. */
  public void forEachRemaining(Consumer<? super WebDatasetSample> action) {
    try {
      for (Optional<WebDatasetSample> s = next(); s.isPresent(); s = next()) {
        action.accept(s.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Name of the entry whose data the file is too short for, set just before that failure. */
  private String truncatedEntryName;

  private TarArchiveEntry nextEntry(long headerAt) {
    TarArchiveEntry e;
    counted.captureRecordAt(headerAt);
    try {
      e = tar.getNextEntry();
    } catch (IOException | RuntimeException ex) {
      throw corrupt(headerAt, "cannot read the tar entry header: " + why(ex), ex);
    }
    if (e == null) {
      if (counted.count() < headerAt + RECORD) {
        throw corrupt(headerAt, headerAt == 0 ? "not a tar archive: no entry header and no end-of-archive marker"
            : "tar truncated: the stream ends where an entry header or the end-of-archive marker is expected", null);
      }
      return null;
    }
    byte[] header = counted.capturedRecord();
    if (header == null || !TarChecksum.matches(header)) {
      throw corrupt(headerAt, "tar header checksum mismatch: stored " + (header == null ? "?" : TarChecksum.stored(header))
          + ", computed " + (header == null ? "?" : TarChecksum.unsignedSum(header)), null);
    }
    entries++;
    long dataStart = counted.count();
    long size = e.getSize();
    if (size < 0 || (knownLength >= 0 && size > knownLength - dataStart)) {
      truncatedEntryName = e.getName();
      throw corrupt(headerAt, "tar truncated: entry " + e.getName() + " declares " + size + " bytes but "
          + Math.max(0, knownLength - dataStart) + " remain in the file", null);
    }
    return e;
  }

  private TarSkipReason classify(TarArchiveEntry e) {
    byte flag = e.getLinkFlag();
    if (e.isSymbolicLink()) {
      return TarSkipReason.SYMLINK;
    }
    if (e.isLink()) {
      return TarSkipReason.HARDLINK;
    }
    if (e.isCharacterDevice()) {
      return TarSkipReason.CHARACTER_DEVICE;
    }
    if (e.isBlockDevice()) {
      return TarSkipReason.BLOCK_DEVICE;
    }
    if (e.isFIFO()) {
      return TarSkipReason.FIFO;
    }
    if (e.isDirectory()) {
      return TarSkipReason.DIRECTORY;
    }
    // regular: '0', the old '\0' and contiguous '7' (Python tarfile's REGULAR_TYPES, sparse excepted)
    if ((flag != '0' && flag != 0 && flag != '7') || e.isSparse()) {
      return TarSkipReason.OTHER_TYPE;
    }
    return WebDatasetName.skipReason(e.getName());
  }

  private void readMember(TarArchiveEntry e, long headerAt, String ext) {
    long size = e.getSize();
    if (size > limits.maxEntryBytes()) {
      skipData(e, headerAt, TarSkipReason.ENTRY_TOO_LARGE);
      pendingOversized.add(e.getName() + " (" + size + " bytes)");
      return;
    }
    if (pendingDropped || pendingBytes + size > limits.maxSampleBytes()) {
      if (!pendingDropped) {
        skips[TarSkipReason.SAMPLE_TOO_LARGE.ordinal()] += pending.size();
        pending.clear();
        pendingDropped = true;
      }
      skipData(e, headerAt, TarSkipReason.SAMPLE_TOO_LARGE);
      return;
    }
    byte[] data;
    try {
      data = tar.readNBytes((int) size); // grows with the bytes present, not with the header's claim
    } catch (IOException | RuntimeException ex) {
      throw corrupt(headerAt, "cannot read the data of entry " + e.getName() + ": " + why(ex), ex);
    }
    if (data.length < size) {
      throw corrupt(headerAt, "tar truncated: entry " + e.getName() + " declares " + size + " bytes, the stream ends "
          + "after " + data.length, null);
    }
    nextHeader = roundUp(counted.count());
    pending.add(new TarMember(e.getName(), ext, headerAt, data));
    pendingBytes += size;
  }

  private void skipData(TarArchiveEntry e, long headerAt, TarSkipReason reason) {
    skips[reason.ordinal()]++;
    long want = e.isDirectory() ? 0 : e.getSize();
    long got = 0;
    try {
      while (got < want) {
        long s = tar.skip(want - got);
        if (s <= 0) {
          break;
        }
        got += s;
      }
    } catch (IOException | RuntimeException ex) {
      throw corrupt(headerAt, "cannot skip the data of entry " + e.getName() + ": " + why(ex), ex);
    }
    if (got < want) {
      throw corrupt(headerAt, "tar truncated: entry " + e.getName() + " declares " + want + " bytes, the stream ends "
          + "after " + got, null);
    }
    nextHeader = roundUp(counted.count());
  }

  private WebDatasetSample finishPending() {
    WebDatasetSample s = pendingDropped || pending.isEmpty() ? null
        : new WebDatasetSample(shard, pendingKey, pending, pendingOversized);
    discardPending();
    return s;
  }

  private void discardPending() {
    pendingKey = null;
    pending.clear();
    pendingExtensions.clear();
    pendingBytes = 0;
    pendingDropped = false;
    pendingOversized.clear();
  }

  private CorruptInputException corrupt(long at, String message, Throwable cause) {
    String where = gzip ? message + " (offset in the decompressed tar stream)" : message;
    return new CorruptInputException(shard, at, where, cause);
  }

  private static long roundUp(long n) {
    return (n + RECORD - 1) / RECORD * RECORD;
  }

  /** The entries skipped so far, by reason. */
  public TarSkipCounts skipCounts() {
    return new TarSkipCounts(skips);
  }

  /** Tar entries (headers) read so far, delivered or skipped. */
  public long entriesRead() {
    return entries;
  }

  public String shard() {
    return shard;
  }

  /** Whether the shard is gzip-compressed. */
  public boolean gzipped() {
    return gzip;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }

  /** What went wrong, in words: the JDK's end-of-stream errors of a cut gzip stream carry no message. */
  private static String why(Exception e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    return e instanceof java.io.EOFException ? "the stream ends early (a truncated .tar.gz/.tgz?)"
        : e.getClass().getSimpleName();
  }
}
