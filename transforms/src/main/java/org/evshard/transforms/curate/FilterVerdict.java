package org.evshard.transforms.curate;

/**
 * What a DataComp caption/image filter decided for one sample: {@link #KEPT}, or the first check that failed. Each
 * value has a stable lower-case {@link #label()} for counters, dead-letter reasons and reports; labels never change
 * once published. The order of the constants is the order the checks are evaluated in (see docs/CURATION.md).
 */
public enum FilterVerdict {
  KEPT("kept"),
  /** The detected language is not {@code en}. */
  CAPTION_NOT_ENGLISH("caption_not_english"),
  /** Too few words ({@code str.split()} words for {@code basic}, fastText tokens for {@code image_based}). */
  CAPTION_TOO_FEW_WORDS("caption_too_few_words"),
  /** At most 5 characters (Python {@code len}: code points). */
  CAPTION_TOO_SHORT("caption_too_short"),
  /** The shorter original side is below 200 pixels, or a side is missing (NaN). */
  IMAGE_TOO_SMALL("image_too_small"),
  /** The longer original side is more than 3 times the shorter one. */
  ASPECT_RATIO("aspect_ratio");

  private final String label;

  FilterVerdict(String label) {
    this.label = label;
  }

  /** The stable lower-case name, e.g. {@code caption_too_short}. */
  public String label() {
    return label;
  }

  public boolean kept() {
    return this == KEPT;
  }
}
