package org.evshard.io.image;

import org.bytedeco.javacpp.Loader;
import org.opencv.core.Core;

/**
 * Loads OpenCV's native library (bytedeco's build of the official {@code org.opencv} Java API) once per JVM, and
 * keeps OpenCV to one thread for each calling thread.
 *
 * <p>Why one thread: Beam already runs one bundle per worker thread on every core, so OpenCV's own thread pool would
 * only oversubscribe the cores (img2dataset does the same, {@code cv2.setNumThreads(1)} on every call). Depending on
 * the parallel backend OpenCV was built with, the setting is global or per thread (OpenMP keeps it per thread), so it
 * is applied once on every thread that calls {@link #ensureLoaded()}: a cheap thread-local check after the first call.
 */
public final class OpenCv {

  private static final ThreadLocal<Boolean> SINGLE_THREADED = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private static volatile boolean loaded;

  private OpenCv() {}

  /** Loads the native library if it is not loaded yet and sets OpenCV to one thread for the calling thread. */
  public static void ensureLoaded() {
    if (!loaded) {
      load();
    }
    if (!SINGLE_THREADED.get()) {
      Core.setNumThreads(1);
      SINGLE_THREADED.set(Boolean.TRUE);
    }
  }

  private static synchronized void load() {
    if (!loaded) {
      Loader.load(org.bytedeco.opencv.opencv_java.class);
      loaded = true;
    }
  }

  /** OpenCV's version string, for reports and the docs. */
  public static String version() {
    ensureLoaded();
    return Core.VERSION;
  }
}
