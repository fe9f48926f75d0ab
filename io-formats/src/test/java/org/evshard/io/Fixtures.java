package org.evshard.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the shared fixtures live: the {@code EVSHARD_FIXTURES} environment variable (the {@code shared/} folder).
 * A relative path is taken relative to the project root (Maven passes it as {@code evshard.projectRoot}).
 * Unset, a test fails when {@code CI} is set and is skipped otherwise, so CI can never skip fixture tests silently.
 */
public final class Fixtures {

  private Fixtures() {}

  public static Path root() {
    String dir = System.getenv("EVSHARD_FIXTURES");
    if (dir == null || dir.isBlank()) {
      if (System.getenv("CI") != null) {
        fail("EVSHARD_FIXTURES is not set but CI is: fixture tests must run in CI; set EVSHARD_FIXTURES to the "
            + "shared/ folder");
      }
      Assumptions.abort("EVSHARD_FIXTURES is not set: skipping a fixture test (set it to the shared/ folder)");
    }
    Path root = Path.of(dir);
    String projectRoot = System.getProperty("evshard.projectRoot");
    if (!root.isAbsolute() && projectRoot != null && !projectRoot.isBlank()) {
      // tests run in each module's folder; a relative EVSHARD_FIXTURES (../shared) means relative to the project
      root = Path.of(projectRoot).resolve(dir).normalize();
    }
    if (!Files.isDirectory(root)) {
      fail("EVSHARD_FIXTURES=" + dir + " is not a directory");
    }
    return root;
  }

  /** A file under the fixtures root that must exist. */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.isRegularFile(p)) {
      fail("fixture " + p + " is missing");
    }
    return p;
  }
}
