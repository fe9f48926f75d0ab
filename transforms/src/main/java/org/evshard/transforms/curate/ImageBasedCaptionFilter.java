package org.evshard.transforms.curate;

import org.evshard.transforms.TransformException;

/**
 * The caption pre-filter of DataComp's {@code image_based} baseline ({@code caption_filter} in
 * {@code baselines/apply_filter.py}), which differs from {@link BasicFilter}'s: it counts fastText tokens
 * ({@code len(fasttext.tokenize(x)) > 1}, newlines count as {@code </s>} tokens) rather than {@code str.split()} words,
 * needs only 2 of them, keeps {@code len(x) > 5} and fastText language {@code en}, and has no image-size part.
 * {@code image_based} keeps a sample when this passes and its embedding's nearest centroid is a target
 * ({@link NearestCentroid}).
 */
public final class ImageBasedCaptionFilter {

  public static final String NAME = "image_based";
  /** {@code caption_num_words > 1}. */
  public static final int MIN_TOKENS_EXCLUSIVE = 1;

  private ImageBasedCaptionFilter() {}

  /** {@code kept}, {@code caption_not_english}, {@code caption_too_few_words} or {@code caption_too_short}. */
  public static FilterVerdict evaluate(String caption, String language) {
    if (caption == null) {
      throw new TransformException(NAME + ": the caption is missing (DataComp's filter raises on a null text)");
    }
    if (!"en".equals(language)) {
      return FilterVerdict.CAPTION_NOT_ENGLISH;
    }
    if (CaptionText.fastTextTokenCount(caption) <= MIN_TOKENS_EXCLUSIVE) {
      return FilterVerdict.CAPTION_TOO_FEW_WORDS;
    }
    if (CaptionText.pythonLength(caption) <= BasicFilter.MIN_CHARS_EXCLUSIVE) {
      return FilterVerdict.CAPTION_TOO_SHORT;
    }
    return FilterVerdict.KEPT;
  }
}
