package org.evshard.io.image.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.evshard.io.image.DecodedImage;
import org.evshard.io.image.ImageDecoder;
import org.evshard.io.image.ImageLimits;
import org.evshard.io.image.ImageResizer;
import org.evshard.io.image.ResizeMode;
import org.evshard.io.image.ResizeOptions;

/**
 * Single-thread image throughput on the real fixtures, timed by wall clock and by the thread's CPU time (the machine
 * is shared, so CPU time is the figure to trust). Not a unit test. From {@code io-formats/}:
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) org.evshard.io.image.bench.ImageBench SHARED_DIR [SECONDS]</pre>
 *
 * Cases: the 50 CIFAR-10 32x32 JPEGs through decode + keep_ratio 32 (a no-op resize) + JPEG q95 re-encode, the same
 * with resize mode no, decode only; the 7 img2dataset photos through decode + keep_ratio 512 + re-encode. Each case
 * warms up for a second, then loops over its files for SECONDS (default 3).
 */
public final class ImageBench {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ImageBench() {}

  public static void main(String[] args) throws IOException {
    Path shared = Path.of(args[0]);
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    List<byte[]> cifar = read(shared.resolve("fixtures/images/cifar10/train"));
    List<byte[]> photos = read(shared.resolve("fixtures/images/img2dataset/resize_test_image"));
    ImageDecoder decoder = ImageDecoder.withDefaults();
    ImageResizer keep32 = new ImageResizer(ResizeOptions.of(32, ResizeMode.KEEP_RATIO), ImageLimits.defaults());
    ImageResizer no = new ImageResizer(ResizeOptions.of(32, ResizeMode.NO), ImageLimits.defaults());
    ImageResizer keep512 = new ImageResizer(ResizeOptions.of(512, ResizeMode.KEEP_RATIO), ImageLimits.defaults());
    run("cifar32 decode", cifar, seconds, b -> {
      try (DecodedImage im = decoder.decode(b, "bench")) {
        im.width();
      }
    });
    run("cifar32 decode+keep_ratio32+jpg", cifar, seconds, b -> keep32.resize(b, "bench"));
    run("cifar32 decode+no+jpg", cifar, seconds, b -> no.resize(b, "bench"));
    run("photos decode+keep_ratio512+jpg", photos, seconds, b -> keep512.resize(b, "bench"));
  }

  private static void run(String name, List<byte[]> files, double seconds, Consumer<byte[]> work) {
    loop(files, 1.0, work);
    long c0 = CPU.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long n = loop(files, seconds, work);
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
    System.out.printf(Locale.ROOT, "BENCH %-34s %8d images | wall %8.0f /s | thread cpu %8.0f /s (%.1f us each)%n",
        name, n, n / wall, n / cpu, cpu / n * 1e6);
  }

  private static long loop(List<byte[]> files, double seconds, Consumer<byte[]> work) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long n = 0;
    while (System.nanoTime() < end) {
      for (byte[] b : files) {
        work.accept(b);
      }
      n += files.size();
    }
    return n;
  }

  private static List<byte[]> read(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> paths = s.filter(p -> p.toString().endsWith(".jpg")).sorted().collect(Collectors.toList());
      List<byte[]> out = new java.util.ArrayList<>();
      for (Path p : paths) {
        out.add(Files.readAllBytes(p));
      }
      return out;
    }
  }
}
