package org.evshard.io.hdf5;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.FilterManager;
import io.jhdf.object.message.FilterPipelineMessage;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.events.TriggerEvents;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Streams the events of an HDF5 recording in blocks of {@value #BLOCK_EVENTS} events, read as slices of the
 * datasets (jhdf {@code getData(offset, dimensions)}, contiguous or chunked), so memory stays bounded whatever the
 * recording's length. Two layouts:
 * <ul>
 *   <li>DSEC: 1-D datasets {@code events/x}, {@code events/y}, {@code events/t}, {@code events/p} of one length;
 *       t in microseconds; a scalar {@code t_offset} at the root is added to every t; {@code ms_to_idx} is ignored.
 *       Real DSEC files compress every dataset with the HDF5 Blosc filter (id 32001, Zstd codec), which evshard
 *       decodes with its own {@link BloscFilter}.
 *   <li>Prophesee (Metavision HDF5): compound dataset {@code CD/events} with fields x, y, p, t. Metavision writes it
 *       with its ECF codec (HDF5 filter 36559), which evshard decodes with its own {@link EcfFilter}.
 * </ul>
 * Where it is exact, a block is read from the datasets' bytes ({@link ByteColumns}: each chunk decoded once, values
 * taken by offset); otherwise through jhdf's readers, with the same checks and messages.
 * Geometry: integer attributes {@code width}/{@code height} or a {@code geometry} attribute {@code WxH} on the root,
 * the events group or the CD group; else {@link ReadOptions#sensor()}; else empty. x and y must be 0..32767 and p 0
 * or 1, else the reader fails with a {@link CorruptInputException} naming the event index.
 *
 * <p>HDF5 is not a byte stream: {@link #bytePosition()} is an estimate, the file size times the share of events
 * handed out, and errors carry offset -1 with the event index in the message.
 */
public final class Hdf5EventReader implements EventReader {

  /** Events read from the file per slice. */
  public static final int BLOCK_EVENTS = 1 << 16;
  /**
   * Names of HDF5 filter ids, for messages and the header's {@code compression}, where the file gives none: HDF5's
   * own filters, those jhdf decodes, evshard's {@link BloscFilter} and {@link EcfFilter}, and some nobody here decodes.
   */
  private static final Map<Integer, String> FILTER_NAMES = Map.ofEntries(Map.entry(1, "deflate"),
      Map.entry(2, "shuffle"), Map.entry(3, "fletcher32"), Map.entry(4, "szip"), Map.entry(307, "bzip2"),
      Map.entry(32000, "lzf"), Map.entry(BloscFilter.ID, "blosc"), Map.entry(32004, "lz4"),
      Map.entry(32008, "bitshuffle"), Map.entry(32015, "zstd"), Map.entry(32026, "blosc2"),
      Map.entry(EcfFilter.ID, "ecf"));
  private static final int MAX_ROOT_ATTRIBUTES = 32;
  private static final int MAX_COORDINATE = SensorGeometry.MAX_SIDE - 1;
  /**
   * Files up to this size (the largest a single mapping holds) are read through a memory mapping, where jhdf slices
   * instead of allocating; larger ones through jhdf's file channel, whose damaged lengths evshard cannot bound.
   */
  static final long MAX_MAPPED_BYTES = Integer.MAX_VALUE;
  /** Largest element of a compound dataset read (Metavision's CD and trigger elements are 16 and 24 bytes). */
  static final int MAX_COMPOUND_BYTES = 1024;

  static {
    BloscFilter.register(); // where jhdf's ServiceLoader did not see META-INF/services/io.jhdf.filter.Filter
    EcfFilter.register();
  }

  private final HdfFile hdf;
  private final String source;
  private final Path tempFile;
  private final long fileSize;
  private final Dataset[] columns; // x, y, t, p (DSEC) or one compound dataset
  private HeldChunks[] held; // per column, made when jhdf's readers first take a block
  private final boolean compound;
  private final ByteColumns byteColumns; // the events read as bytes, or null: jhdf's readers
  private final long count;
  private final long timeOffset;
  private final SensorGeometry geometry;
  private final Map<String, String> header = new LinkedHashMap<>();
  private final Hdf5Triggers extTriggers; // Metavision's EXT_TRIGGER/events, or null
  private final TriggerEvents triggers = new TriggerEvents(this::sourceName, this::bytePosition);
  private final short[] bx = new short[BLOCK_EVENTS];
  private final short[] by = new short[BLOCK_EVENTS];
  private final long[] bt = new long[BLOCK_EVENTS];
  private final boolean[] bp = new boolean[BLOCK_EVENTS];
  private int blockPos;
  private int blockLen;
  private long blockStart;
  private long handedOut;

  private Hdf5EventReader(HdfFile hdf, String source, Path tempFile, ReadOptions options) throws IOException {
    this.hdf = hdf;
    this.source = source;
    this.tempFile = tempFile;
    this.fileSize = hdf.size();
    long eof = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress() + hdf.getUserBlockSize();
    if (eof > fileSize) {
      throw new CorruptInputException(source, fileSize, "truncated HDF5 file: the superblock's end-of-file address is "
          + eof + " but the file has " + fileSize + " bytes");
    }
    Node events = hdf.getChild("events");
    Node cd = hdf.getChild("CD");
    Group geometryHolder;
    if (events instanceof Group g && g.getChild("x") != null && g.getChild("t") != null) {
      header.put("layout", "dsec");
      columns = new Dataset[] {dataset(g, "x"), dataset(g, "y"), dataset(g, "t"), dataset(g, "p")};
      compound = false;
      count = checkLengths();
      timeOffset = readTimeOffset();
      geometryHolder = g;
      extTriggers = null;
      byteColumns = ByteColumns.separate(columns, fileSize <= MAX_MAPPED_BYTES, BLOCK_EVENTS);
    } else if (cd instanceof Group g && g.getChild("events") instanceof Dataset d) {
      header.put("layout", "prophesee");
      checkFilters(d);
      checkCompound(source, d, "CD/events is not a compound dataset of x, y, p, t");
      columns = new Dataset[] {d};
      compound = true;
      count = length(d);
      byteColumns = ByteColumns.compound(d, fileSize <= MAX_MAPPED_BYTES, BLOCK_EVENTS);
      timeOffset = 0;
      geometryHolder = g;
      Dataset triggerData = hdf.getChild("EXT_TRIGGER") instanceof Group tg
          && tg.getChild("events") instanceof Dataset td ? td : null;
      if (triggerData != null) {
        checkFilters(triggerData);
        extTriggers = new Hdf5Triggers(triggerData, source);
        header.put("ext_triggers", Long.toString(extTriggers.count()));
      } else {
        extTriggers = null;
      }
    } else {
      throw new UnsupportedFormatException(source, -1, "HDF5 file without events/{x,y,t,p} (DSEC) or CD/events "
          + "(Prophesee) datasets; found top-level nodes " + hdf.getChildren().keySet());
    }
    for (Dataset d : columns) {
      checkFilters(d);
    }
    header.put("events", Long.toString(count));
    header.put("compression", compression(columns));
    if (timeOffset != 0) {
      header.put("t_offset", Long.toString(timeOffset));
    }
    SensorGeometry g = fileGeometry(hdf);
    if (g == null) {
      g = fileGeometry(geometryHolder);
    }
    if (g != null) {
      header.put("geometry", g.toString());
    }
    geometry = g != null ? g : options.sensor();
    rootAttributes(hdf.getAttributes());
  }

  private static final String LOOP = "a link or chunk index of the HDF5 structure leads back to itself (the reader's "
      + "stack overflowed following it): a crafted or damaged file";
  private static final String CUT = "the file could not be read where its structure points (was it cut while it was "
      + "read?): ";

  /**
   * Opens {@code file}; {@code tempFile}, when not null, is deleted on {@link #close()} (a spooled stream).
   *
   * @throws CorruptInputException when jhdf cannot read the file's structure
   * @throws UnsupportedFormatException when the layout or a filter is not supported
   */
  public static Hdf5EventReader open(Path file, String source, ReadOptions options, Path tempFile)
      throws IOException {
    long size = Files.size(file);
    if (size == 0) {
      throw new CorruptInputException(source, 0, "empty recording: 0 bytes");
    }
    HdfFile hdf;
    try {
      hdf = size <= MAX_MAPPED_BYTES ? mapped(file, size) : new HdfFile(file);
    } catch (RuntimeException e) {
      // jhdf fails on damaged files with HdfException and, on some, with buffer or argument exceptions
      throw new CorruptInputException(source, 0, "not a readable HDF5 file: " + why(e), e);
    }
    try {
      return new Hdf5EventReader(hdf, source, tempFile, options);
    } catch (EvshardIoException e) {
      hdf.close();
      throw e;
    } catch (HdfFilterException e) { // e.g. a Blosc-compressed t_offset in a codec evshard does not decode
      hdf.close();
      throw new UnsupportedFormatException(source, -1, "unsupported filter: " + e.getMessage());
    } catch (RuntimeException e) {
      hdf.close();
      throw new CorruptInputException(source, -1, "unreadable HDF5 structure: " + why(e), e);
    } catch (StackOverflowError e) { // jhdf follows links and B-tree nodes recursively: a loop never ends
      hdf.close();
      throw new CorruptInputException(source, -1, LOOP);
    } catch (InternalError e) { // the mapping's SIGBUS: the file was cut while it was read
      hdf.close();
      throw new CorruptInputException(source, -1, CUT + e.getMessage());
    }
  }

  /**
   * jhdf over a read-only mapping of the whole file: every structure read is then a slice of the mapping, so a length
   * that a damaged object header declares beyond the file fails as an out-of-bounds slice (a CorruptInputException
   * here) instead of jhdf allocating a heap buffer of that length first, as its file-channel storage does.
   */
  private static HdfFile mapped(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return HdfFile.fromByteBuffer(ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
    }
  }

  private Dataset dataset(Group g, String name) {
    Node n = g.getChild(name);
    if (!(n instanceof Dataset d)) {
      throw new UnsupportedFormatException(source, -1, "DSEC layout needs dataset events/" + name + ", found "
          + (n == null ? "nothing" : n.getType()));
    }
    return d;
  }

  private long length(Dataset d) {
    long[] dims = d.getDimensionsAsLong();
    if (dims.length != 1) {
      throw new CorruptInputException(source, -1, "dataset " + d.getPath() + " must be 1-dimensional, found shape "
          + java.util.Arrays.toString(dims));
    }
    return dims[0];
  }

  private long checkLengths() {
    long n = length(columns[0]);
    for (Dataset d : columns) {
      if (length(d) != n) {
        throw new CorruptInputException(source, -1, "events/x, y, t, p must have one length, found " + n + " for "
            + columns[0].getPath() + " and " + length(d) + " for " + d.getPath());
      }
    }
    return n;
  }

  private long readTimeOffset() {
    Node n = hdf.getChild("t_offset");
    if (!(n instanceof Dataset d)) {
      return 0;
    }
    long[] dims = d.getDimensionsAsLong();
    if (!java.util.Arrays.stream(dims).allMatch(k -> k == 1)) { // a scalar (no dimension) or a single element
      // checked before getData(), which would allocate whatever the (possibly damaged) dimensions declare
      throw new CorruptInputException(source, -1, "t_offset must be one integer, found a dataset of shape "
          + java.util.Arrays.toString(dims));
    }
    Object v = d.getData();
    if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
      v = Array.get(v, 0);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    throw new CorruptInputException(source, -1, "t_offset must be one integer, found " + describe(v));
  }

  /** Fails with the filter's name and id when jhdf has no decoder for a filter of {@code d}. */
  private void checkFilters(Dataset d) {
    if (!(d instanceof AbstractNode node)) {
      return;
    }
    List<FilterPipelineMessage> pipelines = node.getHeader().getMessagesOfType(FilterPipelineMessage.class);
    for (FilterPipelineMessage m : pipelines) {
      for (FilterPipelineMessage.FilterInfo info : m.getFilters()) {
        try {
          FilterManager.getPipeline(List.of(info));
        } catch (HdfFilterException e) {
          throw new UnsupportedFormatException(source, -1, "unsupported filter " + filterName(info) + " (id "
              + info.getId() + ") on dataset " + d.getPath());
        }
      }
    }
  }

  /**
   * A compound dataset whose element size and member extents are sane: jhdf allocates {@code member size x element
   * count} per member before it reads, so a damaged member size would otherwise be a heap allocation of any size.
   */
  static void checkCompound(String source, Dataset d, String notCompound) {
    if (!d.isCompound() || !(d.getDataType() instanceof CompoundDataType c)) {
      throw new UnsupportedFormatException(source, -1, notCompound);
    }
    int size = c.getSize();
    if (size <= 0 || size > MAX_COMPOUND_BYTES) {
      throw new CorruptInputException(source, -1, "dataset " + d.getPath() + " declares elements of " + size
          + " bytes, expected 1.." + MAX_COMPOUND_BYTES);
    }
    for (CompoundDataType.CompoundDataMember m : c.getMembers()) {
      int bytes = m.getDataType().getSize();
      if (bytes <= 0 || m.getOffset() < 0 || (long) m.getOffset() + bytes > size) {
        throw new CorruptInputException(source, -1, "dataset " + d.getPath() + ": member '" + m.getName() + "' of "
            + bytes + " bytes at offset " + m.getOffset() + " lies outside its " + size + "-byte element");
      }
    }
  }

  private static SensorGeometry fileGeometry(Node node) {
    Map<String, Attribute> attrs = node.getAttributes();
    Long w = integerAttribute(attrs.get("width"));
    Long h = integerAttribute(attrs.get("height"));
    if (w != null && h != null && w > 0 && h > 0 && w <= SensorGeometry.MAX_SIDE && h <= SensorGeometry.MAX_SIDE) {
      return new SensorGeometry(w.intValue(), h.intValue());
    }
    Attribute g = attrs.get("geometry");
    if (single(g) && g.getData() instanceof String s) {
      try {
        return SensorGeometry.parse(s);
      } catch (IllegalArgumentException ignored) {
        return null; // not WxH: leave geometry to the caller
      }
    }
    return null;
  }

  /** The name a filter's id is known by, else the file's name for it (plugins write descriptions), else "unnamed". */
  private static String filterName(FilterPipelineMessage.FilterInfo info) {
    String name = info.getName();
    return FILTER_NAMES.getOrDefault(info.getId(), name != null && !name.isBlank() ? name : "unnamed");
  }

  /** The filters of the event datasets in pipeline order, e.g. "ecf", "blosc", "shuffle+deflate", or "none". */
  private static String compression(Dataset[] datasets) {
    Set<String> names = new LinkedHashSet<>();
    for (Dataset d : datasets) {
      if (d instanceof AbstractNode node) {
        for (FilterPipelineMessage m : node.getHeader().getMessagesOfType(FilterPipelineMessage.class)) {
          for (FilterPipelineMessage.FilterInfo info : m.getFilters()) {
            names.add(filterName(info));
          }
        }
      }
    }
    return names.isEmpty() ? "none" : String.join("+", names);
  }

  /**
   * The file's own description, as {@code inspect} shows it: root attributes that are short strings or integers
   * (Metavision writes {@code format}, {@code generation}, camera and serial fields there), at most
   * {@value #MAX_ROOT_ATTRIBUTES}, each under its own name unless evshard's header already uses that name.
   */
  private void rootAttributes(Map<String, Attribute> attrs) {
    int added = 0;
    int visited = 0;
    for (Map.Entry<String, Attribute> e : attrs.entrySet()) {
      if (added == MAX_ROOT_ATTRIBUTES || visited++ == 4 * MAX_ROOT_ATTRIBUTES) {
        break;
      }
      String name = e.getKey();
      if (header.containsKey(name) || name.equals("width") || name.equals("height")) {
        continue;
      }
      String value;
      try {
        if (!single(e.getValue())) {
          continue; // only one value is shown; an array is not read (strings of one could fill the heap)
        }
        Object v = e.getValue().getData();
        Long n = integerAttribute(e.getValue());
        value = v instanceof String str ? str : n != null ? n.toString() : null;
      } catch (RuntimeException unreadable) {
        value = null; // a description only: an attribute jhdf cannot read is left out
      }
      if (value != null && value.length() <= 256 && value.chars().noneMatch(Character::isISOControl)) {
        header.put(name, value);
        added++;
      }
    }
  }

  /**
   * An attribute of one value: the only kind evshard reads. An attribute of many variable-length strings that all
   * refer to one large string in the global heap (3,900 references to 8 MB in an 8.5 MB file) was materialised whole,
   * 31 GB of Java strings, before any check: an OutOfMemoryError that ended a whole convert run.
   */
  private static boolean single(Attribute a) {
    try {
      return a != null && a.getSize() == 1;
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  private static Long integerAttribute(Attribute a) {
    if (!single(a)) {
      return null;
    }
    Object v = a.getData();
    if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
      v = Array.get(v, 0);
    }
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        ? ((Number) v).longValue() : null;
  }

  @Override
  public String formatName() {
    return Hdf5EventFormat.NAME;
  }

  @Override
  public String sourceName() {
    return source;
  }

  @Override
  public Optional<SensorGeometry> geometry() {
    return Optional.ofNullable(geometry);
  }

  @Override
  public Map<String, String> headerFields() {
    return Collections.unmodifiableMap(header);
  }

  /** Number of events the file holds. */
  public long eventCount() {
    return count;
  }

  @Override
  public boolean nextChunk(EventChunk chunk) {
    try {
      return nextChunkMapped(chunk);
    } catch (InternalError e) {
      // the mapping's SIGBUS, delivered after the faulting read (so past readBlock's own catch at times), or met
      // reading the external triggers: the file was cut while it was read (callers catch a later delivery too)
      if (!org.evshard.io.error.MappedFileFault.is(e)) {
        throw e;
      }
      throw org.evshard.io.error.MappedFileFault.of(source, handedOut, e);
    }
  }

  private boolean nextChunkMapped(EventChunk chunk) {
    int n = 0;
    int cap = chunk.capacity();
    while (n < cap) {
      if (blockPos == blockLen && !readBlock()) {
        break;
      }
      int k = Math.min(blockLen - blockPos, cap - n);
      System.arraycopy(bx, blockPos, chunk.x, n, k);
      System.arraycopy(by, blockPos, chunk.y, n, k);
      System.arraycopy(bt, blockPos, chunk.t, n, k);
      System.arraycopy(bp, blockPos, chunk.p, n, k);
      blockPos += k;
      n += k;
    }
    handedOut += n;
    chunk.setSize(n);
    triggers.clear();
    if (extTriggers != null) {
      boolean last = blockPos == blockLen && blockStart + blockLen >= count;
      extTriggers.addUpTo(last ? Long.MAX_VALUE : chunk.t[n - 1], triggers);
    }
    return n > 0;
  }

  /** Metavision's external triggers met with the last chunk (those after the last CD event come with it too). */
  @Override
  public TriggerEvents triggers() {
    return triggers;
  }

  private boolean readBlock() {
    long start = blockStart + blockLen;
    if (start >= count) {
      return false;
    }
    int len = (int) Math.min(BLOCK_EVENTS, count - start);
    long[] offset = {start};
    int[] dims = {len};
    try {
      if (byteColumns != null && readBytes(start, len)) {
        // decoded from the datasets' bytes
      } else if (requireWritten(start, len) && compound) {
        Object data = columns[0].getData(offset, dims);
        if (!(data instanceof Map<?, ?> fields)) {
          throw new CorruptInputException(source, -1, "CD/events did not read as a compound: " + describe(data));
        }
        decode(field(fields, "x"), field(fields, "y"), field(fields, "t"), field(fields, "p"), start, len);
      } else {
        decode(slice(columns[0], offset, dims), slice(columns[1], offset, dims), slice(columns[2], offset, dims),
            slice(columns[3], offset, dims), start, len);
      }
    } catch (HdfFilterException e) {
      throw new UnsupportedFormatException(source, -1, "unsupported filter while reading events " + start + ".."
          + (start + len - 1) + ": " + e.getMessage());
    } catch (DatasetBytes.MissingChunkException e) {
      throw unwritten(e, start, count, "events");
    } catch (EvshardIoException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptInputException(source, -1, "cannot read events " + start + ".." + (start + len - 1) + ": "
          + why(e), e);
    } catch (StackOverflowError e) {
      throw new CorruptInputException(source, -1, "events " + start + ".." + (start + len - 1) + ": " + LOOP);
    } catch (InternalError e) {
      throw new CorruptInputException(source, -1, "events " + start + ".." + (start + len - 1) + ": " + CUT + e.getMessage());
    }
    blockStart = start;
    blockLen = len;
    blockPos = 0;
    return true;
  }

  /**
   * What jhdf's failure says, in words: its own exceptions carry a message; the JDK's buffer and index exceptions it
   * lets through on a damaged or cut file carry none worth showing (only their class name).
   */
  static String why(RuntimeException e) {
    if (e instanceof java.nio.BufferUnderflowException || e instanceof java.nio.BufferOverflowException
        || e instanceof IndexOutOfBoundsException) {
      return "a structure reaches past the end of the file or of its block (truncated or damaged)";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "damaged structure" : m;
  }

  /** A slice of a DSEC column; a damaged chunk (Blosc or other) fails naming the dataset. */
  private Object slice(Dataset d, long[] offset, int[] dims) {
    try {
      return d.getData(offset, dims);
    } catch (HdfFilterException | BloscFormatException | EcfFormatException e) {
      throw readFailure(e, offset[0], dims[0], d.getPath());
    }
  }

  /** A filter's failure on events {@code start .. start + len - 1} of dataset {@code path}, naming them. */
  private EvshardIoException readFailure(RuntimeException e, long start, int len, String path) {
    String events = "events " + start + ".." + (start + len - 1) + " of " + path + ": " + e.getMessage();
    return e instanceof HdfFilterException
        ? new UnsupportedFormatException(source, -1, "unsupported filter while reading " + events)
        : new CorruptInputException(source, -1, "cannot read " + events, e);
  }

  private Object field(Map<?, ?> fields, String name) {
    return field(source, "CD/events", fields, name);
  }

  /** Field {@code name} of a compound dataset read by jhdf (a map from field name to column). */
  static Object field(String source, String dataset, Map<?, ?> fields, String name) {
    Object v = fields.get(name);
    if (v == null) {
      throw new UnsupportedFormatException(source, -1, dataset + " has no field '" + name + "'; fields: "
          + fields.keySet());
    }
    return v;
  }

  private void decode(Object x, Object y, Object t, Object p, long start, int len) {
    coordinates(x, bx, len, "x", start);
    coordinates(y, by, len, "y", start);
    timestamps(t, len, start);
    polarities(p, len, start);
  }

  /**
   * A chunk the file never wrote, met reading {@code what} (events, external triggers) from {@code start} on: HDF5
   * would read it as the fill value, {@code what} that were never recorded.
   */
  static CorruptInputException unwritten(String source, DatasetBytes.MissingChunkException e, long start, long claimed,
      String what) {
    return new CorruptInputException(source, -1, what + " from " + Math.max(start, e.firstElement) + " on: "
        + e.getMessage() + " (the dataspace claims " + claimed + " " + what + "; HDF5 would read the missing ones as "
        + "fill values, " + what + " that were never recorded): a recording not closed properly, or a damaged file");
  }

  private CorruptInputException unwritten(DatasetBytes.MissingChunkException e, long start, long claimed,
      String what) {
    return unwritten(source, e, start, claimed, what);
  }

  /** Before jhdf's readers take a block: every chunk of it is in the file ({@link HeldChunks}); always true. */
  private boolean requireWritten(long start, int len) {
    if (held == null) {
      held = new HeldChunks[columns.length];
      for (int k = 0; k < columns.length; k++) {
        held[k] = HeldChunks.of(columns[k]);
      }
    }
    for (HeldChunks h : held) {
      if (h != null) {
        h.require(start, len);
      }
    }
    return true;
  }

  /**
   * One block from the datasets' bytes; false where jhdf's readers must take it (beyond the int offsets of jhdf's
   * chunk API). A chunk the file does not hold is refused: HDF5 gives its fill value, events at x = y = t = 0 that
   * were never recorded.
   */
  private boolean readBytes(long start, int len) {
    ByteColumns c = byteColumns;
    for (int k = 0; k < c.sources(); k++) {
      try {
        if (!c.read(k, start, len)) {
          return false;
        }
      } catch (HdfFilterException | BloscFormatException | EcfFormatException e) {
        throw readFailure(e, start, len, c.path(k));
      } catch (DatasetBytes.ChunkTooLargeException e) {
        throw new LimitExceededException(source, -1, e.getMessage(), e.bytes, DatasetBytes.MAX_CHUNK_BYTES,
            "its chunk shape, checked before the chunk is decoded (a small file of compressed zeros can declare "
                + "gigabytes)");
      } catch (DatasetBytes.MissingChunkException e) {
        throw unwritten(e, start, count, "events");
      }
    }
    for (int i = 0; i < len; i++) { // a loop per value: its member's width and offset stay fixed in it
      bx[i] = coordinate(c.get(0, i), "x", start + i);
    }
    for (int i = 0; i < len; i++) {
      by[i] = coordinate(c.get(1, i), "y", start + i);
    }
    for (int i = 0; i < len; i++) {
      bt[i] = addOffset(c.get(2, i), start + i);
    }
    for (int i = 0; i < len; i++) {
      bp[i] = polarity(c.get(3, i), start + i);
    }
    return true;
  }

  private void coordinates(Object column, short[] out, int len, String what, long start) {
    for (int i = 0; i < len; i++) {
      out[i] = coordinate(integerAt(column, i, what), what, start + i);
    }
  }

  private short coordinate(long v, String what, long index) {
    if (v < 0 || v > MAX_COORDINATE) {
      throw new CorruptInputException(source, -1, "event " + index + ": " + what + " = " + v + " is outside 0.."
          + MAX_COORDINATE);
    }
    return (short) v;
  }

  private void timestamps(Object column, int len, long start) {
    if (column instanceof long[] a) {
      for (int i = 0; i < len; i++) {
        bt[i] = addOffset(a[i], start + i);
      }
    } else {
      for (int i = 0; i < len; i++) {
        bt[i] = addOffset(integerAt(column, i, "t"), start + i);
      }
    }
  }

  private long addOffset(long t, long index) {
    try {
      return Math.addExact(t, timeOffset);
    } catch (ArithmeticException e) {
      throw new CorruptInputException(source, -1, "event " + index + ": t " + t + " + t_offset " + timeOffset
          + " overflows 64 bits");
    }
  }

  private void polarities(Object column, int len, long start) {
    if (column instanceof boolean[] a) {
      System.arraycopy(a, 0, bp, 0, len);
      return;
    }
    for (int i = 0; i < len; i++) {
      bp[i] = polarity(integerAt(column, i, "p"), start + i);
    }
  }

  private boolean polarity(long v, long index) {
    if (v != 0 && v != 1) {
      throw new CorruptInputException(source, -1, "event " + index + ": p = " + v + ", expected 0 or 1");
    }
    return v == 1;
  }

  private long integerAt(Object column, int i, String what) {
    return integerAt(source, column, i, what);
  }

  /** Element {@code i} of a column jhdf read as a Java integer array, widened; fails on any other type. */
  static long integerAt(String source, Object column, int i, String what) {
    if (column instanceof long[] a) {
      return a[i];
    } else if (column instanceof int[] a) {
      return a[i];
    } else if (column instanceof short[] a) {
      return a[i];
    } else if (column instanceof byte[] a) {
      return a[i];
    } else if (column instanceof boolean[] a) {
      return a[i] ? 1 : 0;
    }
    throw new UnsupportedFormatException(source, -1, "column " + what + " must hold integers, found "
        + describe(column));
  }

  private static String describe(Object v) {
    return v == null ? "nothing" : v.getClass().getSimpleName();
  }

  /** An estimate: the file size times the share of events handed out (HDF5 is not read front to back). */
  @Override
  public long bytePosition() {
    return count == 0 ? fileSize : (long) (fileSize * ((double) handedOut / count));
  }

  @Override
  public void close() throws IOException {
    try {
      hdf.close();
    } finally {
      if (tempFile != null) {
        Files.deleteIfExists(tempFile);
      }
    }
  }
}
