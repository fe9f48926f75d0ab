package org.evshard.pipelines.bench;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.evshard.io.aedat.Aedat4Compression;
import org.evshard.io.aedat.Aedat4Writer;
import org.evshard.io.atis.AtisBinWriter;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.prophesee.DatWriter;
import org.evshard.io.prophesee.Evt3Writer;

/**
 * Decode throughput per file, in process, single thread (what {@code scripts/bench formats FILE...} runs): each file's
 * format is detected, untimed passes for at least 2 s warm up the JIT and the page cache, then the best of {@code --runs} passes
 * is reported as {@code BENCH decode <format> <M events/s>} ({@code aedat4-<codec>} for AEDAT 4.0).
 *
 * <pre>
 * FormatsBench [--runs N] [--chunk N] FILE...
 * FormatsBench --generate DIR [MB [FORMATS]]  writes bench.evt2.raw, bench.evt3.raw, bench.dat,
 *                                      bench-{none,lz4,zstd}.aedat4 and bench.bin, each at least MB megabytes
 *                                      (default 200); FORMATS: comma-separated subset of evt2, evt3, dat,
 *                                      aedat4-none, aedat4-lz4, aedat4-zstd, atis-bin
 * </pre>
 */
public final class FormatsBench {

  private static final SensorGeometry VGA = new SensorGeometry(640, 480);
  private static final SensorGeometry ATIS = new SensorGeometry(240, 180);
  private static final int BATCH = 1 << 16;

  private FormatsBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("--generate")) {
      long mb = args.length > 2 ? Long.parseLong(args[2]) : 200;
      List<String> only = args.length > 3 ? List.of(args[3].split(",")) : List.of();
      generate(Path.of(args[1]), mb * 1_000_000L, only);
      return;
    }
    int runs = 3;
    int chunk = ReadOptions.DEFAULT_CHUNK_SIZE;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--chunk" -> chunk = Integer.parseInt(args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: FormatsBench [--runs N] [--chunk N] FILE... | FormatsBench --generate DIR [MB]");
      System.exit(2);
    }
    System.out.println("# vector loops " + org.evshard.io.vector.VectorKernels.describe());
    ReadOptions options = ReadOptions.defaults().withChunkSize(chunk);
    for (Path f : files) {
      bench(f, options, runs);
    }
  }

  // ---- decoding

  private record Pass(String format, long events, double seconds, double cpuSeconds) {}

  /** Shortest warm-up per file ({@code -Devshard.bench.warmupMillis=N}, default 2000). */
  private static final long WARMUP_NANOS = Long.getLong("evshard.bench.warmupMillis", 2000) * 1_000_000L;

  private static void bench(Path file, ReadOptions options, int runs) throws IOException {
    Pass warm = decode(file, options);
    // warm-up by time, as JMH does: one pass of a 200 MB file takes well under a second, and C2 was seen still
    // recompiling the decode loop after it (a single warm pass gave run-to-run swings of up to 1.5x)
    long warmUntil = System.nanoTime() + WARMUP_NANOS;
    while (System.nanoTime() < warmUntil) {
      decode(file, options);
    }
    double best = 0;
    double bestCpu = 0;
    for (int i = 0; i < runs; i++) {
      Pass p = decode(file, options);
      best = Math.max(best, p.events() / p.seconds() / 1e6);
      bestCpu = Math.max(bestCpu, p.events() / p.cpuSeconds() / 1e6);
    }
    double mb = Files.size(file) / 1e6;
    System.out.printf(Locale.ROOT, "# %s: %s, %d events, %.0f MB, best %.2f GB/s wall, %.0f M events per CPU "
        + "second%n", file, warm.format(), warm.events(), mb, best * mb * 1e3 / Math.max(1, warm.events()), bestCpu);
    System.out.printf(Locale.ROOT, "BENCH decode %s %.1f%n", warm.format(), best);
  }

  private static Pass decode(Path file, ReadOptions options) throws IOException {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = cpu.getCurrentThreadCpuTime();
    long n = 0;
    long check = 0;
    String format;
    try (EventReader r = EventFormats.defaults().open(file, null, options)) {
      format = r.formatName();
      String compression = r.headerFields().get("compression");
      if (format.equals("aedat4") && compression != null) {
        format = format + "-" + compression.toLowerCase(Locale.ROOT);
      }
      EventChunk c = new EventChunk(options.chunkSize());
      while (r.nextChunk(c)) {
        n += c.size();
        check += c.t[c.size() - 1] + c.x[0];
      }
    }
    if (check == 42) {
      System.out.print(""); // keeps the decoded values alive
    }
    return new Pass(format, n, (System.nanoTime() - t0) / 1e9, (cpu.getCurrentThreadCpuTime() - c0) / 1e9);
  }

  // ---- generating

  private interface WriterFactory {
    EventWriter open(OutputStream out) throws IOException;
  }

  /**
   * Writes one file per format into {@code dir}; {@code only} (names {@code evt2, evt3, dat, aedat4-none,
   * aedat4-lz4, aedat4-zstd, atis-bin}) restricts the set, empty means all.
   */
  static void generate(Path dir, long minBytes, List<String> only) throws IOException {
    Files.createDirectories(dir);
    if (only.isEmpty() || only.contains("evt2")) {
      write(dir.resolve("bench.evt2.raw"), minBytes, VGA, Evt2BenchEncoder::new);
    }
    if (only.isEmpty() || only.contains("evt3")) {
      write(dir.resolve("bench.evt3.raw"), minBytes, VGA, out -> new Evt3Writer(out, VGA));
    }
    if (only.isEmpty() || only.contains("dat")) {
      write(dir.resolve("bench.dat"), minBytes, VGA, out -> new DatWriter(out, VGA));
    }
    for (Aedat4Compression c : List.of(Aedat4Compression.NONE, Aedat4Compression.LZ4, Aedat4Compression.ZSTD)) {
      String codec = c.name().toLowerCase(Locale.ROOT);
      if (only.isEmpty() || only.contains("aedat4-" + codec)) {
        write(dir.resolve("bench-" + codec + ".aedat4"), minBytes, VGA,
            out -> new Aedat4Writer(out, VGA, c, Aedat4Writer.DEFAULT_PACKET_EVENTS));
      }
    }
    if (only.isEmpty() || only.contains("atis-bin")) {
      write(dir.resolve("bench.bin"), minBytes, ATIS, AtisBinWriter::new);
    }
  }

  /**
   * Time-sorted synthetic events until the file holds {@code minBytes}: bursts of 1-24 events on one row at one
   * timestamp with increasing x (what a moving edge gives, and what EVT 3.0 vector words encode), timestamps advancing
   * 0-7 us between bursts (about 2 M events per second of recording).
   */
  private static void write(Path file, long minBytes, SensorGeometry g, WriterFactory factory) throws IOException {
    long t0 = System.nanoTime();
    SplittableRandom r = new SplittableRandom(1);
    short[] x = new short[BATCH];
    short[] y = new short[BATCH];
    long[] t = new long[BATCH];
    boolean[] p = new boolean[BATCH];
    long time = 1_000_000;
    long events = 0;
    Counting out = new Counting(Files.newOutputStream(file));
    try (EventWriter w = factory.open(new BufferedOutputStream(out, 1 << 20))) {
      while (out.written < minBytes) {
        int n = 0;
        while (n < BATCH - 32) {
          time += r.nextInt(8);
          int yy = r.nextInt(g.height());
          boolean pp = r.nextBoolean();
          int xx = r.nextInt(g.width());
          int run = 1 + r.nextInt(24);
          for (int i = 0; i < run && xx < g.width(); i++, n++) {
            x[n] = (short) xx;
            y[n] = (short) yy;
            t[n] = time;
            p[n] = pp;
            xx += 1 + (r.nextInt(3) == 0 ? 1 : 0);
          }
        }
        w.write(x, y, t, p, 0, n);
        events += n;
      }
    }
    System.out.printf(Locale.ROOT, "generated %s: %d events, %d bytes in %.1f s%n", file, events, Files.size(file),
        (System.nanoTime() - t0) / 1e9);
  }

  /**
   * EVT 2.0 for the benchmark only: evshard has no EVT 2.0 writer (Prophesee's tools write it), so this encodes the
   * specification's words directly: {@code % evt 2.0} header, EVT_TIME_HIGH (0x8, t bits 33..6) whenever t >> 6
   * changes, CD_OFF/CD_ON (0x0/0x1: t bits 5..0, x 21..11, y 10..0).
   */
  private static final class Evt2BenchEncoder implements EventWriter {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int used;
    private long high = -1;

    Evt2BenchEncoder(OutputStream out) throws IOException {
      this.out = out;
      out.write("% evt 2.0\n% format EVT2;height=480;width=640\n% end\n".getBytes(
          java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public void write(short[] x, short[] y, long[] t, boolean[] p, int offset, int length) throws IOException {
      for (int i = offset; i < offset + length; i++) {
        if (t[i] >>> 6 != high) {
          high = t[i] >>> 6;
          word(0x8L << 28 | (high & 0x0FFFFFFF));
        }
        word((p[i] ? 1L : 0L) << 28 | (t[i] & 0x3F) << 22 | (long) x[i] << 11 | y[i]);
      }
    }

    private void word(long w) throws IOException {
      if (used + 4 > buf.length) {
        out.write(buf, 0, used);
        used = 0;
      }
      buf[used++] = (byte) w;
      buf[used++] = (byte) (w >>> 8);
      buf[used++] = (byte) (w >>> 16);
      buf[used++] = (byte) (w >>> 24);
    }

    @Override
    public void close() throws IOException {
      out.write(buf, 0, used);
      out.close();
    }
  }

  private static final class Counting extends FilterOutputStream {
    long written;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      written++;
    }
  }
}
