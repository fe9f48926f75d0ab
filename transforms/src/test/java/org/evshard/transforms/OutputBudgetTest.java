package org.evshard.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputBudgetTest {

  @Test
  void aQuarterOfTheHeapPassesAndOneByteMoreFails() {
    long max = OutputBudget.maxBytes();
    assertEquals(Runtime.getRuntime().maxMemory() / 4, max);
    OutputBudget.check("k", "x", max);
    OutputBudget.check("k", "x", 0);
    OutputTooLargeException e = assertThrows(OutputTooLargeException.class, () -> OutputBudget.check("k", "x",
        max + 1));
    assertEquals(String.format(java.util.Locale.ROOT, "k: x would take %.1f MiB, more than a quarter of this JVM's "
        + "maximum heap (%.1f MiB); give the JVM more heap (-Xmx; scripts/evshard reads EVSHARD_JAVA_OPTS) or ask "
        + "for a smaller output", (max + 1) / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0),
        e.getMessage());
  }

  /** A byte count computed past int64 arrives negative: it never passes. */
  @Test
  void anOverflowedCountFails() {
    OutputTooLargeException e = assertThrows(OutputTooLargeException.class,
        () -> OutputBudget.check("k", "x", Long.MIN_VALUE));
    assertTrue(e.getMessage().startsWith("k: x would take more than 2^63 bytes, more than a quarter"), e.getMessage());
  }
}
