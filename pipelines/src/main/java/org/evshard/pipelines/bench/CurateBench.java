package org.evshard.pipelines.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.evshard.io.image.OpenCv;
import org.evshard.pipelines.curate.CurateJob;
import org.evshard.pipelines.curate.CurateSettings;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * End-to-end {@code evshard curate} throughput on the DirectRunner: a generated CIFAKE layout of N distinct JPEGs of
 * SIDE x SIDE pixels (random crops of the real CIFAR-10 fixture images, mirrored at random, resized to SIDE, mild
 * seeded noise, quality 90: distinct images, with some near duplicates among them), curated with exact and pHash
 * deduplication into Parquet shards. Reports wall time and the process CPU time per image (images per second per core =
 * images / CPU seconds). Usage: {@code CurateBench FIXTURES_DIR WORKDIR [N] [SIDE] [RUNS]
 * [exact,phash|exact|phash|none]}.
 */
public final class CurateBench {

  private CurateBench() {
  }

  public static void main(String[] args) throws Exception {
    Path fixtures = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int side = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    List<String> dedup = args.length > 5 && args[5].equals("none") ? List.of()
        : List.of(args.length > 5 ? args[5].split(",") : new String[] {"exact", "phash"});
    Path input = dir.resolve("cifake-" + n + "x" + side);
    if (!Files.exists(input)) {
      generate(fixtures, input, n, side);
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int run = 0; run < runs; run++) {
      long cpu0 = os.getProcessCpuTime();
      CurateJob.Result r = CurateJob.run(CurateSettings.of("cifake", input, dir.resolve("out"))
          .withDedup(dedup, 3).withOverwrite(true));
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf(Locale.ROOT, "run %d: %d images (%d written, %d removed, %d rejected, %d shards) in %.2f s "
          + "= %.0f images/s wall, %.1f CPU s = %.0f images/s per core (dedup %s)%n", run, r.inputs(), r.written(),
          r.removed(), r.rejected(), r.shards(), r.seconds(), r.inputs() / r.seconds(), cpu, r.inputs() / cpu, dedup);
    }
  }

  static void generate(Path fixtures, Path root, int n, int side) throws Exception {
    OpenCv.ensureLoaded();
    List<Mat> base = new ArrayList<>();
    try (Stream<Path> s = Files.walk(fixtures)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
        Mat m = Imgcodecs.imread(p.toString());
        Mat r = new Mat();
        Imgproc.resize(m, r, new Size(side, side), 0, 0, side > m.cols() ? Imgproc.INTER_CUBIC : Imgproc.INTER_AREA);
        base.add(r);
      }
    }
    SplittableRandom rnd = new SplittableRandom(42);
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      String split = i % 6 == 0 ? "test" : "train";
      String cls = i % 2 == 0 ? "REAL" : "FAKE";
      Path dir = root.resolve(split).resolve(cls);
      Files.createDirectories(dir);
      // a distinct image: a random crop of a random fixture, mirrored at random, with mild noise
      Mat src = base.get(rnd.nextInt(base.size()));
      int cw = side / 2 + rnd.nextInt(side / 2);
      int cx = rnd.nextInt(side - cw + 1);
      int cy = rnd.nextInt(side - cw + 1);
      Mat crop = new Mat();
      Imgproc.resize(src.submat(cy, cy + cw, cx, cx + cw), crop, new Size(side, side), 0, 0, Imgproc.INTER_LINEAR);
      if (rnd.nextBoolean()) {
        Core.flip(crop, crop, 1);
      }
      Mat noise = new Mat(crop.size(), crop.type());
      Core.setRNGSeed(i);
      Core.randn(noise, 0, 8);
      Mat out = new Mat();
      Core.add(crop, noise, out);
      MatOfByte jpg = new MatOfByte();
      Imgcodecs.imencode(".jpg", out, jpg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
      byte[] b = jpg.toArray();
      bytes += b.length;
      Files.write(dir.resolve(String.format("%06d.jpg", i)), b);
    }
    System.out.printf(Locale.ROOT, "wrote %d images of %dx%d, %.1f MB, to %s%n", n, side, side, bytes / 1e6, root);
  }
}
