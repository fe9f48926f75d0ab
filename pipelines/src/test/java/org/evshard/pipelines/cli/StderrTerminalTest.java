package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Progress bars follow standard error: a terminal there, not a pipe or a log file. */
class StderrTerminalTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"/dev/pts/3, true", "/dev/tty1, true", "/dev/console, true", "pipe:[123456], false",
      "/tmp/run.log, false", "/dev/null, false", "socket:[42], false"})
  void aTerminalDeviceIsToldFromAPipeOrAFile(String target, boolean terminal) {
    assertEquals(terminal, StderrTerminal.isTerminalDevice(target));
  }
}
