package org.evshard.pipelines.runner;

import org.apache.beam.sdk.util.VarInt;

/**
 * Child-JVM main of {@link C2DataPathTest}: calls one method of evshard ({@link #mix}) and one of Beam
 * ({@link VarInt#getLength(long)}) often enough that the JIT tries to compile both with C2.
 */
public final class C2Probe {

  private C2Probe() {}

  static long mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < 3; i++) {
      h ^= h >>> 29;
      h *= 0xBF58476D1CE4E5B9L;
    }
    return h;
  }

  public static void main(String[] args) {
    long sum = 0;
    for (int i = 0; i < 200_000; i++) {
      sum += mix(i) + VarInt.getLength(i * 977L);
    }
    System.out.println("probe " + sum);
  }
}
