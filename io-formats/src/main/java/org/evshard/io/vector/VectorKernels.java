package org.evshard.io.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the readers' 512-bit vector loops run. They use the JDK's incubating Vector API
 * ({@code jdk.incubator.vector}), so they run only when all of these hold; otherwise every reader keeps its scalar
 * loop, with identical output:
 * <ul>
 *   <li>the JVM was started with {@code --add-modules=jdk.incubator.vector} (the build's tests do it, the
 *       {@code evshard} launcher with {@code EVSHARD_VECTOR=1}; a cluster's workers without it use the scalar
 *       loops);</li>
 *   <li>the JIT compiles with C2 (not {@code -Xint}, not {@code -XX:TieredStopAtLevel} below 4);</li>
 *   <li>the JIT's preferred vectors are 512 bits wide (AVX-512), and the CPU permutes bytes across a whole vector in
 *       one instruction ({@code avx512vbmi} in {@code /proc/cpuinfo}): without it the JDK emulates the byte permute
 *       lane by lane and the vector loop is many times slower than the scalar one;</li>
 *   <li>{@link BooleanStores} works (HotSpot on a little-endian CPU);</li>
 *   <li>the system property {@code evshard.vector} is not {@code false}.</li>
 * </ul>
 * Until C2 has compiled a vector loop, each Vector API call runs the library's boxed Java code (about 1 us per event),
 * so a vector loop repays its warm-up only over long runs: the launcher leaves the module out unless asked
 * (docs/DESIGN.md, "Vector loops").
 */
public final class VectorKernels {

  /** Whether the vector loops run in this JVM. */
  public static final boolean ENABLED = detect();

  private VectorKernels() {}

  /** One line for benchmarks and {@code --version}: whether the vector loops run, and if not, why. */
  public static String describe() {
    return ENABLED ? "on (512-bit, avx512vbmi)" : "off (" + reason() + ")";
  }

  private static boolean detect() {
    return reason() == null;
  }

  private static String reason() {
    if ("false".equalsIgnoreCase(System.getProperty("evshard.vector"))) {
      return "-Devshard.vector=false";
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return "the JVM runs without --add-modules=jdk.incubator.vector";
    }
    String jit = jitReason();
    if (jit != null) {
      return jit;
    }
    if (!BooleanStores.AVAILABLE) {
      return "no 8-byte stores into boolean arrays (sun.misc.Unsafe, little endian)";
    }
    if (!cpuFlag("avx512vbmi")) {
      return "no avx512vbmi in /proc/cpuinfo";
    }
    try {
      int bits = Preferred.bits();
      return bits >= 512 ? null : "preferred vectors are " + bits + " bits";
    } catch (LinkageError e) {
      return "the Vector API did not load: " + e;
    }
  }

  /**
   * Why the vector loops would not be compiled to vector instructions, or null: only C2 does that, so an interpreted
   * JVM ({@code -Xint}) or one whose tiers stop before C2 ({@code -XX:TieredStopAtLevel=1..3}) would run the Vector
   * API's boxed Java implementation, about a hundred times slower than the scalar loops.
   */
  private static String jitReason() {
    if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
      return "the JVM interprets only (-Xint)";
    }
    try {
      var vm = java.lang.management.ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      boolean tiered = Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
      String stop = vm.getVMOption("TieredStopAtLevel").getValue();
      return tiered && !"4".equals(stop) ? "the JIT stops at tier " + stop + ", before C2" : null;
    } catch (RuntimeException | LinkageError e) {
      return null; // not HotSpot, or no management module: nothing known against it
    }
  }

  /** Whether the first {@code flags} line of {@code /proc/cpuinfo} lists {@code flag}; false where there is none. */
  static boolean cpuFlag(String flag) {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("flags")).findFirst()
          .map(l -> (" " + l.substring(l.indexOf(':') + 1) + " ").contains(" " + flag + " ")).orElse(false);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Loaded only once the module is known to be present. */
  private static final class Preferred {
    static int bits() {
      return jdk.incubator.vector.ByteVector.SPECIES_PREFERRED.vectorBitSize();
    }
  }
}
