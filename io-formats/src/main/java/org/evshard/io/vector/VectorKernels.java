package org.evshard.io.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the readers' vector loops run, and on which width. They use the JDK's incubating Vector API
 * ({@code jdk.incubator.vector}), so they run only when all of these hold; otherwise every reader keeps its scalar
 * loop, with identical output:
 * <ul>
 *   <li>the JVM was started with {@code --add-modules=jdk.incubator.vector} (the build's tests do it, the
 *       {@code evshard} launcher with {@code EVSHARD_VECTOR=1}; a cluster's workers without it use the scalar
 *       loops);</li>
 *   <li>the JIT compiles with C2 (not {@code -Xint}, not {@code -XX:TieredStopAtLevel} below 4);</li>
 *   <li>the CPU permutes bytes in vector registers in few instructions: 512 bits where the JIT's preferred vectors
 *       are 512 bits wide and the CPU has {@code avx512vbmi} (one-instruction permutes across the whole vector),
 *       else 256 bits where they are at least 256 bits wide and the CPU has {@code avx2} (a 32-byte permute is then a
 *       few in-lane shuffles); without either the JDK emulates the permutes lane by lane and a vector loop is many
 *       times slower than the scalar one;</li>
 *   <li>{@link BooleanStores} works (HotSpot on a little-endian CPU);</li>
 *   <li>the system property {@code evshard.vector} is not {@code false}.</li>
 * </ul>
 * Until C2 has compiled a vector loop, each Vector API call runs the library's boxed Java code (about 1 us per event),
 * so a vector loop repays its warm-up only over long runs: the launcher leaves the module out unless asked
 * (docs/DESIGN.md, "Vector loops").
 */
public final class VectorKernels {

  /** The width of the vector loops that run in this JVM, 512 or 256 bits; 0 when only the scalar loops run. */
  public static final int BITS = detect();
  /** Whether the vector loops run in this JVM. */
  public static final boolean ENABLED = BITS > 0;

  private VectorKernels() {}

  /** One line for benchmarks and {@code --version}: whether the vector loops run, on what width, and if not, why. */
  public static String describe() {
    switch (BITS) {
      case 512:
        return "on (512-bit, avx512vbmi)";
      case 256:
        return "on (256-bit, avx2)";
      default:
        return "off (" + reason() + ")";
    }
  }

  private static int detect() {
    return reason() == null ? width() : 0;
  }

  /** 512 or 256 once {@link #reason()} found nothing against the vector loops. */
  private static int width() {
    return cpuFlag("avx512vbmi") && Preferred.bits() >= 512 ? 512 : 256;
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
    if (!cpuFlag("avx2")) {
      return "no avx2 in /proc/cpuinfo";
    }
    try {
      int bits = Preferred.bits();
      return bits >= 256 ? null : "preferred vectors are " + bits + " bits";
    } catch (LinkageError e) {
      return "the Vector API did not load: " + e;
    }
  }

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
