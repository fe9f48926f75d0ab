package org.evshard.io.image;

import java.util.Locale;

/**
 * img2dataset's {@code resize_mode} values (img2dataset/resizer.py {@code ResizeMode}), under the same names.
 * {@code image_size} below is {@link ResizeOptions#imageSize()}.
 */
public enum ResizeMode {
  /** Keep the decoded size. */
  NO,
  /** Scale so the shorter side is {@code image_size} (albumentations {@code smallest_max_size}). */
  KEEP_RATIO,
  /** As {@link #KEEP_RATIO}, then crop the centre {@code image_size} square. */
  CENTER_CROP,
  /** Scale so the longer side is {@code image_size}, then pad with white to a square. */
  BORDER,
  /** Scale so the longer side is {@code image_size} (albumentations {@code longest_max_size}). */
  KEEP_RATIO_LARGEST,
  /** Scale to exactly {@code image_size} square, ignoring the aspect ratio. */
  FIXED;

  /** The img2dataset name: {@code no}, {@code keep_ratio}, {@code center_crop}, ... */
  public String img2datasetName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode of an img2dataset name. */
  public static ResizeMode ofName(String name) {
    for (ResizeMode m : values()) {
      if (m.img2datasetName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("Invalid option for resize_mode: " + name);
  }
}
