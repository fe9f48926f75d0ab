package org.evshard.pipelines.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is an interactive terminal: progress bars are drawn there. {@link System#console()} on Java
 * 17 answers for standard input and output instead, so a run with its output sent to a log drew no bar on the terminal,
 * and a run with its errors sent to a log wrote the bar's frames into the log. On Linux the answer is where
 * {@code /proc/self/fd/2} points; elsewhere it falls back to {@link System#console()}.
 */
final class StderrTerminal {

  private StderrTerminal() {}

  static boolean isTerminal() {
    try {
      return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Whether a file descriptor's target, as {@code /proc/self/fd} shows it, is a terminal device. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }
}
