package org.evshard.pipelines.runner;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Starts Beam's slow one-time initialisation on a background thread while the command line parses its arguments and
 * discovers its samples: {@code PipelineOptionsFactory}'s class initialiser validates every registered options
 * interface by reflection (about 0.3-0.4 s of a cold convert's planning phase here). {@link BeamOptions#create} waits
 * for it ({@link #await}) before it uses Beam, so a failure there is reported with its own cause, not as the JVM's
 * bare "Could not initialize class". The results are the same with or without the warm-up.
 */
public final class BeamWarmUp {

  private static final String FACTORY = "org.apache.beam.sdk.options.PipelineOptionsFactory";
  private static volatile FutureTask<Void> task;

  private BeamWarmUp() {}

  /** Starts the warm-up on a daemon thread, once. */
  public static synchronized void start() {
    if (task == null) {
      task = initialise(FACTORY);
    }
  }

  /** Waits for a started warm-up; rethrows what failed in it (nothing when none was started). */
  static void await() {
    await(task);
  }

  /** Initialises class {@code name} on a new daemon thread. */
  static FutureTask<Void> initialise(String name) {
    FutureTask<Void> t = new FutureTask<>(() -> {
      Class.forName(name, true, BeamWarmUp.class.getClassLoader());
      return null;
    });
    Thread thread = new Thread(t, "evshard-beam-warm-up");
    thread.setDaemon(true);
    thread.start();
    return t;
  }

  static void await(FutureTask<Void> t) {
    if (t == null) {
      return;
    }
    try {
      t.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      Throwable root = cause;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause(); // an ExceptionInInitializerError says nothing itself
      }
      throw new IllegalStateException("Beam could not initialise its pipeline options: " + root, cause);
    }
  }
}
