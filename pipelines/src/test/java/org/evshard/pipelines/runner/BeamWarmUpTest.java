package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

class BeamWarmUpTest {

  @Test
  void optionsAfterAWarmUpAreTheUsualOnes() {
    BeamWarmUp.start();
    BeamWarmUp.start(); // a second start neither fails nor starts another thread's work
    BeamWarmUp.await();
    PipelineOptions options = BeamOptions.create(List.of("--targetParallelism=3"));
    assertEquals(DirectRunner.class, options.getRunner());
    DirectOptions direct = options.as(DirectOptions.class);
    assertEquals(3, direct.getTargetParallelism());
    assertFalse(direct.isEnforceEncodability());
  }

  /** A class whose initialiser fails, as Beam's would on a classpath with clashing Jackson versions. */
  static final class FailsToInitialise {
    static {
      if (Boolean.TRUE) {
        throw new IllegalStateException("clashing jars");
      }
    }

    private FailsToInitialise() {}
  }

  @Test
  void aFailedWarmUpIsReportedWithItsCause() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> BeamWarmUp.await(BeamWarmUp.initialise(FailsToInitialise.class.getName())));
    assertInstanceOf(ExceptionInInitializerError.class, e.getCause());
    assertTrue(e.getMessage().contains("clashing jars"), e.getMessage());
  }
}
