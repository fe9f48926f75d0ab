package org.evshard.transforms.curate;

import org.evshard.transforms.TransformException;

/**
 * DataComp's {@code basic_filter} baseline for one sample, as {@code load_uids_with_basic_filter_helper} in
 * {@code baselines/apply_filter.py} computes it: kept when the fastText language is {@code en}, the caption has more
 * than 2 {@code str.split()} words and more than 5 characters ({@code len}), the shorter original side is at least 200
 * and {@code max / min <= 3.0} (float64 division).
 *
 * <p>The language comes in as an input (an ISO 639-1 code, e.g. from {@link LanguageIdentifier}) so the kernel needs no
 * detector. DataComp computes all masks and ANDs them; the verdict here names the first failing check in the order
 * language, words, characters, image size, aspect ratio, and is {@code kept} exactly when DataComp keeps the sample.
 * Widths and heights are doubles so that a missing (NaN, as pandas reads a null integer) value behaves as in numpy:
 * {@code np.minimum} propagates NaN and {@code NaN >= 200} is false, so the sample is {@code image_too_small}.
 */
public final class BasicFilter {

  public static final String NAME = "basic_filter";
  /** {@code caption_num_words > 2}. */
  public static final int MIN_WORDS_EXCLUSIVE = 2;
  /** {@code caption_num_chars > 5}. */
  public static final int MIN_CHARS_EXCLUSIVE = 5;
  /** {@code min_image_dim >= 200}. */
  public static final double MIN_SIDE = 200;
  /** {@code aspect_ratio <= 3.0}. */
  public static final double MAX_ASPECT_RATIO = 3.0;

  private BasicFilter() {}

  /**
   * @param caption the {@code text} column; DataComp raises on a missing text, so does this ({@link TransformException})
   * @param language the detected ISO 639-1 code ({@code "en"} passes)
   */
  public static FilterVerdict evaluate(String caption, String language, double originalWidth, double originalHeight) {
    if (caption == null) {
      throw new TransformException(NAME + ": the caption is missing (DataComp's filter raises on a null text)");
    }
    if (!"en".equals(language)) {
      return FilterVerdict.CAPTION_NOT_ENGLISH;
    }
    if (CaptionText.pythonWordCount(caption) <= MIN_WORDS_EXCLUSIVE) {
      return FilterVerdict.CAPTION_TOO_FEW_WORDS;
    }
    if (CaptionText.pythonLength(caption) <= MIN_CHARS_EXCLUSIVE) {
      return FilterVerdict.CAPTION_TOO_SHORT;
    }
    return image(originalWidth, originalHeight);
  }

  /** The image half of the filter alone: {@code kept}, {@code image_too_small} or {@code aspect_ratio}. */
  public static FilterVerdict image(double originalWidth, double originalHeight) {
    double min = numpyMinimum(originalWidth, originalHeight);
    double max = numpyMaximum(originalWidth, originalHeight);
    if (!(min >= MIN_SIDE)) {
      return FilterVerdict.IMAGE_TOO_SMALL;
    }
    if (!(max / min <= MAX_ASPECT_RATIO)) {
      return FilterVerdict.ASPECT_RATIO;
    }
    return FilterVerdict.KEPT;
  }

  /** {@code np.minimum}: NaN if either is NaN. */
  private static double numpyMinimum(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
  }

  /** {@code np.maximum}: NaN if either is NaN. */
  private static double numpyMaximum(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
  }
}
