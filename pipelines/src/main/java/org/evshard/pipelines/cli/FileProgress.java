package org.evshard.pipelines.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for one pass over a large recording, by the reader's byte position against the file's
 * size: shown only on an interactive terminal (as {@code inspect --split-bytes} shows its splits) and for files of at
 * least {@link #MIN_BYTES}, so that short runs, pipes and logs stay quiet.
 */
final class FileProgress implements AutoCloseable {

  /** Smallest file that gets a bar: 256 MiB, a few seconds of decoding here. */
  static final long MIN_BYTES = 256L << 20;

  private final ProgressBar bar;
  private final long size;

  private FileProgress(ProgressBar bar, long size) {
    this.bar = bar;
    this.size = size;
  }

  /** A bar for a pass labelled {@code label} over {@code file}, when stderr is a terminal and the file is large. */
  static FileProgress of(String label, Path file) {
    return of(label, file, StderrTerminal.isTerminal(), MIN_BYTES, System.err);
  }

  static FileProgress of(String label, Path file, boolean terminal, long minBytes, PrintStream err) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      size = 0; // the pass itself reports what is wrong with the file
    }
    if (!terminal || size < minBytes || size == 0) {
      return new FileProgress(null, size);
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(size).setUnit(" MB", 1 << 20)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
        .setUpdateIntervalMillis(250).build();
    return new FileProgress(bar, size);
  }

  /** Whether a bar is drawn. */
  boolean shown() {
    return bar != null;
  }

  /** The pass has read up to byte {@code position} of the file. */
  void update(long position) {
    if (bar != null) {
      bar.stepTo(Math.min(size, Math.max(0, position)));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
