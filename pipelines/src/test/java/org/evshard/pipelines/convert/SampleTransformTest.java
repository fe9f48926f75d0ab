package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.evshard.transforms.TransformException;
import org.junit.jupiter.api.Test;

class SampleTransformTest {

  @Test
  void anImageCodingPointsToCommandsThatExist() {
    for (String spec : List.of("rate_code(T=4)", "latency_code(T=4)", "saccade")) {
      TransformException e = assertThrows(TransformException.class,
          () -> SampleTransform.parse(List.of(spec, "frame(n_time_bins=2)")));
      String m = e.getMessage();
      assertTrue(m.contains("codes still images"), m);
      assertTrue(m.contains("'evshard represent IMAGE'") && m.contains("'evshard render IMAGE'")
          && m.contains("'evshard simulate IMAGE'"), m);
      assertFalse(m.contains("evshard pair") || m.contains("--static-transform"), "no such command: " + m);
    }
  }
}
