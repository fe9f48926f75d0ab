package org.evshard.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.evshard.io.events.Events;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Tensor#checkedSize}: the element limit of a Java array and the byte limit of {@link OutputBudget}. */
class TensorTest {

  @ParameterizedTest(name = "{0} bytes per element")
  @ValueSource(ints = {2, 4, 8})
  void checkedSizeAcceptsUpToMaxBytesAndRefusesOneElementMore(int elementBytes) {
    long fit = OutputBudget.maxBytes() / elementBytes;
    assertTrue(fit + 1 <= Tensor.MAX_ELEMENTS, "the heap limit, not the element limit, is under test");
    assertEquals(fit, Tensor.checkedSize("k", elementBytes, fit)); // nothing is allocated
    assertEquals(fit, Tensor.checkedSize("k", elementBytes, 1, fit, 1));
    OutputTooLargeException e = assertThrows(OutputTooLargeException.class,
        () -> Tensor.checkedSize("k", elementBytes, 1, fit + 1));
    assertTrue(e.getMessage().startsWith("k: output tensor of shape [1, " + (fit + 1) + "] would take "), e.getMessage());
    assertTrue(e.getMessage().contains("more than a quarter of this JVM's maximum heap"), e.getMessage());
    assertInstanceOf(TransformException.class, e);
  }

  @Test
  void checkedSizeRefusesMoreElementsThanAnArrayHoldsAndOverflowingShapes() {
    OutputTooLargeException e = assertThrows(OutputTooLargeException.class,
        () -> Tensor.checkedSize("k", 1, 1L << 16, 1L << 16));
    assertEquals("k: output tensor of shape [65536, 65536] exceeds 2147483639 elements", e.getMessage());
    assertThrows(OutputTooLargeException.class, () -> Tensor.checkedSize("k", 1, 1L << 32, 1L << 32, 4));
    assertThrows(OutputTooLargeException.class, () -> Tensor.checkedSize("k", 1, 2, -1));
    assertEquals(0, Tensor.checkedSize("k", 8, 0, 1L << 40)); // empty: no elements, whatever the other sides
  }

  /** The kernels ask before they allocate: a time surface per microsecond over a long gap. */
  @Test
  void aKernelRefusesBeforeAllocating() {
    long frames = 2 * OutputBudget.maxBytes() / (Double.BYTES * 4L * 4 * 2);
    Events e = TestEvents.of(new int[] {0, 1}, new int[] {0, 1}, new long[] {0, frames}, new boolean[] {true, false});
    OutputTooLargeException x = assertThrows(OutputTooLargeException.class, () -> TransformChain.parse(
        List.of("timesurface(dt=1, tau=100)")).apply(e, new SensorSize(4, 4, 2)));
    assertTrue(x.getMessage().startsWith("timesurface: output tensor of shape ["), x.getMessage());
  }
}
