package org.evshard.pipelines.curate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.evshard.datasets.image.ImageSourceRef;

/**
 * A unit of reading work planned on the driver: up to {@link #MAX_FILES} image files, or one container (tar,
 * metadata file). Reading many files per task keeps bundles large, which matters on the DirectRunner: its
 * {@code GroupByKey} copies a key's buffered values once per incoming bundle, so one bundle per file would make the
 * shard writers' grouping quadratic in the number of images.
 */
record ImageTask(List<ImageSourceRef> sources) implements Serializable {

  static final int MAX_FILES = 2_000;

  ImageTask {
    sources = List.copyOf(sources);
  }

  /**
   * Tasks for {@code sources} (sorted by id): containers one each; image files in runs of at most
   * {@link #MAX_FILES}, cut so there are at least {@code minTasks} file tasks when there are enough files.
   */
  static List<ImageTask> plan(List<ImageSourceRef> sources, int minTasks) {
    List<ImageTask> tasks = new ArrayList<>();
    List<ImageSourceRef> files = new ArrayList<>();
    for (ImageSourceRef r : sources) {
      if (r.kind() == ImageSourceRef.Kind.IMAGE_FILE) {
        files.add(r);
      } else {
        tasks.add(new ImageTask(List.of(r)));
      }
    }
    if (!files.isEmpty()) {
      int perTask = Math.max(1, Math.min(MAX_FILES, (files.size() + minTasks - 1) / Math.max(1, minTasks)));
      for (int i = 0; i < files.size(); i += perTask) {
        tasks.add(new ImageTask(files.subList(i, Math.min(files.size(), i + perTask))));
      }
    }
    return tasks;
  }
}
