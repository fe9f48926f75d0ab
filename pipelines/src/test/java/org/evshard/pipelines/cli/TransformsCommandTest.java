package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.evshard.transforms.spec.TransformDef;
import org.evshard.transforms.spec.TransformRegistry;
import org.junit.jupiter.api.Test;

/** {@code evshard transforms}: every registered transform with its usage line; one by name; a typo refused. */
class TransformsCommandTest {

  @Test
  void listsEveryTransformAndOneByName() {
    CliOutput all = CliOutput.run("transforms");
    assertEquals(0, all.exitCode, all.err);
    for (TransformDef d : TransformRegistry.all()) {
      assertTrue(all.out.contains(d.usage() + "\n    " + d.summary() + " ["), d.name() + " missing:\n" + all.out);
    }
    CliOutput frame = CliOutput.run("transforms", "frame");
    assertEquals(0, frame.exitCode, frame.err);
    assertTrue(frame.out.startsWith("frame(time_window=None, event_count=None, n_time_bins=None, "), frame.out);
    assertTrue(frame.out.contains("    n_time_bins          number of frames, equal time\n"), frame.out);
    assertFalse(frame.out.contains("voxel_grid"), frame.out);

    CliOutput typo = CliOutput.run("transforms", "frme");
    assertEquals(2, typo.exitCode);
    assertTrue(typo.err.startsWith("evshard transforms: unknown transform 'frme'; did you mean frame?"), typo.err);
  }
}
