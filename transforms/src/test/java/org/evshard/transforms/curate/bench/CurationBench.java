package org.evshard.transforms.curate.bench;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.evshard.transforms.curate.CaptionText;
import org.evshard.transforms.curate.LanguageIdentifier;
import org.evshard.transforms.curate.PerceptualHash;
import org.evshard.transforms.curate.RealCaptions;

/**
 * Throughput of the curation kernels on one thread: pHash (DCT + median + packing of a 32x32 thumbnail, the thumbnail
 * itself not included) and Lingua language identification of short captions, for a chosen Lingua configuration.
 * Also prints the heap Lingua's models occupy (used heap after GC, before and after building the detector), so run
 * each Lingua configuration in a fresh JVM.
 *
 * <p>Run (the Lingua configurations are: all, top = the 16 languages of LanguageIdentifier, web = 27 languages; each
 * with -high or -low accuracy):
 * <pre>
 * mvn -B -q -o -pl transforms -am test-compile
 * mvn -B -q -o -pl transforms dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx3g -XX:+UseSerialGC -cp transforms/target/classes:transforms/target/test-classes:$(cat /tmp/cp.txt) \
 *   org.evshard.transforms.curate.bench.CurationBench phash|lingua-top-high|lingua-all-low|... [runs]
 * </pre>
 * Lingua computes on its own thread pool, so its per-thread CPU figure undercounts; quote the wall-clock rate.
 */
public final class CurationBench {

  /** A wider set: the top set plus further languages common in web alt text. */
  private static final Language[] WEB_LANGUAGES = {Language.ENGLISH, Language.GERMAN, Language.FRENCH,
      Language.SPANISH, Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.RUSSIAN, Language.CHINESE,
      Language.JAPANESE, Language.KOREAN, Language.POLISH, Language.TURKISH, Language.VIETNAMESE, Language.INDONESIAN,
      Language.ARABIC, Language.CZECH, Language.UKRAINIAN, Language.PERSIAN, Language.SWEDISH, Language.ROMANIAN,
      Language.HUNGARIAN, Language.GREEK, Language.DANISH, Language.FINNISH, Language.THAI, Language.HEBREW};

  private CurationBench() {}

  public static void main(String[] args) {
    String what = args.length > 0 ? args[0] : "phash";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    if (what.equals("phash")) {
      phash(runs);
    } else {
      lingua(what, runs);
    }
  }

  private static void phash(int runs) {
    SplittableRandom rnd = new SplittableRandom(1);
    float[][] thumbs = new float[64][PerceptualHash.SIDE * PerceptualHash.SIDE];
    for (float[] t : thumbs) {
      for (int i = 0; i < t.length; i++) {
        t[i] = rnd.nextInt(256);
      }
    }
    int perRound = 200_000;
    long sink = 0;
    for (int i = 0; i < perRound; i++) { // warm-up
      sink += PerceptualHash.hash(thumbs[i & 63]);
    }
    double[] rate = new double[runs];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] cpu = new double[runs];
    for (int r = 0; r < runs; r++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        sink += PerceptualHash.hash(thumbs[i & 63]);
      }
      rate[r] = perRound / ((System.nanoTime() - t0) / 1e9);
      cpu[r] = perRound / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
    }
    report("phash hashes/s", rate, cpu, sink);
  }

  private static void lingua(String config, int runs) {
    long before = usedAfterGc();
    long t0 = System.nanoTime();
    LanguageDetectorBuilder builder;
    switch (config) {
      case "lingua-all-high":
      case "lingua-all-low":
        builder = LanguageDetectorBuilder.fromAllLanguages();
        break;
      case "lingua-top-high":
      case "lingua-top-low":
        builder = LanguageDetectorBuilder.fromLanguages(LanguageIdentifier.LANGUAGES.stream()
            .map(code -> Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT))))
            .toArray(Language[]::new));
        break;
      case "lingua-web-high":
      case "lingua-web-low":
        builder = LanguageDetectorBuilder.fromLanguages(WEB_LANGUAGES);
        break;
      default:
        throw new IllegalArgumentException("unknown configuration " + config);
    }
    if (config.endsWith("-low")) {
      builder = builder.withLowAccuracyMode();
    }
    LanguageDetector detector = builder.withPreloadedLanguageModels().build();
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    long after = usedAfterGc();
    System.out.printf("%s: build %.1f s, models %.0f MB of heap%n", config, buildSeconds,
        (after - before) / 1048576.0);
    int right = 0;
    int enTrue = 0;
    int enFalse = 0;
    int enMissed = 0;
    for (RealCaptions.Labelled c : RealCaptions.ALL) {
      String got = detector.detectLanguageOf(CaptionText.languageIdInput(c.text())).getIsoCode639_1().toString();
      right += got.equals(c.language()) ? 1 : 0;
      boolean en = c.language().equals("en");
      enTrue += en && got.equals("en") ? 1 : 0;
      enMissed += en && !got.equals("en") ? 1 : 0;
      enFalse += !en && got.equals("en") ? 1 : 0;
      if (!got.equals(c.language())) {
        System.out.printf("  wrong: %s for %s: %s%n", got, c.language(), c.text());
      }
    }
    System.out.printf("  %d of %d right; English kept %d, English lost %d, non-English taken for English %d%n", right,
        RealCaptions.ALL.size(), enTrue, enMissed, enFalse);
    int perRound = 5_000;
    long sink = 0;
    for (int i = 0; i < perRound; i++) { // warm-up
      sink += detector.detectLanguageOf(RealCaptions.ALL.get(i % RealCaptions.ALL.size()).text()).ordinal();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] rate = new double[runs];
    double[] cpu = new double[runs];
    for (int r = 0; r < runs; r++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        sink += detector.detectLanguageOf(CaptionText.languageIdInput(
            RealCaptions.ALL.get(i % RealCaptions.ALL.size()).text())).ordinal();
      }
      rate[r] = perRound / ((System.nanoTime() - w0) / 1e9);
      cpu[r] = perRound / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
    }
    report(config + " captions/s (calling thread)", rate, cpu, sink);
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void report(String what, double[] wall, double[] cpu, long sink) {
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("%s: median %.0f, best %.0f wall; median %.0f per CPU-second of this thread (sink %d)%n", what,
        wall[wall.length / 2], wall[wall.length - 1], cpu[cpu.length / 2], sink);
  }
}
