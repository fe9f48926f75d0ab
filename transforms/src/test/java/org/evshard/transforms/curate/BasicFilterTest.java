package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.evshard.io.Fixtures;
import org.evshard.transforms.TransformException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link BasicFilter} and {@link ImageBasedCaptionFilter} against the masks of DataComp's
 * {@code baselines/apply_filter.py}: {@code english_mask & (words > 2) & (chars > 5) & (min >= 200) & (max/min <= 3.0)}
 * for basic, {@code en & (fasttext tokens > 1) & (chars > 5)} for image_based's caption part.
 */
class BasicFilterTest {

  private static final String OK = "a dog on a beach";

  @ParameterizedTest(name = "[{index}] {0} {1} {2}x{3} -> {4}")
  @CsvSource(delimiter = '|', value = {
      "a dog on a beach|en|640|480|kept",
      "a dog on a beach|de|640|480|caption_not_english",
      "a dog on a beach|unknown|640|480|caption_not_english",
      "two words|en|640|480|caption_too_few_words", // 2 words: needs > 2
      "a b c|en|640|480|caption_too_short", // 3 words, 5 chars: needs > 5
      "a b cd|en|640|480|kept", // 6 chars
      "a dog on a beach|en|200|600|kept", // min == 200 and ratio == 3.0 exactly: both inclusive
      "a dog on a beach|en|199|300|image_too_small",
      "a dog on a beach|en|200|601|aspect_ratio",
      "a dog on a beach|en|601|200|aspect_ratio",
      "a dog on a beach|en|0|480|image_too_small", // min 0 fails >= 200 (ratio would be inf)
      "a dog on a beach|en|0|0|image_too_small", // 0/0 = NaN ratio never reached
      "a dog on a beach|en|-300|480|image_too_small",
      "a dog on a beach|en|NaN|480|image_too_small", // np.minimum propagates NaN; NaN >= 200 is False
      "a dog on a beach|en|480|NaN|image_too_small",
      "a dog on a beach|en|1704|899|kept",
      "a dog on a beach|en|120|90|image_too_small"})
  void basicFollowsDataCompMasks(String caption, String lang, double w, double h, String verdict) {
    assertEquals(verdict, BasicFilter.evaluate(caption, lang, w, h).label());
  }

  @Test
  void basicCountsWordsWithPythonSplitAndCharsAsCodePoints() {
    // "a\u00a0b c": Python splits on U+00A0 -> 3 words, 5 code points
    assertEquals(FilterVerdict.CAPTION_TOO_SHORT, BasicFilter.evaluate("a\u00a0b c", "en", 300, 300));
    // 3 words of emoji: 5 code points (10 UTF-16 chars): still too short
    assertEquals(FilterVerdict.CAPTION_TOO_SHORT,
        BasicFilter.evaluate("\ud83d\udc36 \ud83d\udc36 \ud83d\udc36", "en", 300, 300));
    assertEquals(FilterVerdict.KEPT, BasicFilter.evaluate("\ud83d\udc36 \ud83d\udc36 \ud83d\udc36 x", "en", 300, 300));
  }

  @Test
  void aspectRatioIsFloat64Division() {
    // 3 * 333 = 999: 1000 / 333 = 3.003 > 3 but 999 / 333 = 3.0 exactly
    assertEquals(FilterVerdict.KEPT, BasicFilter.image(333, 999));
    assertEquals(FilterVerdict.ASPECT_RATIO, BasicFilter.image(333, 1000));
  }

  @Test
  void missingCaptionRaisesAsDataCompDoes() {
    assertThrows(TransformException.class, () -> BasicFilter.evaluate(null, "en", 300, 300));
    assertThrows(TransformException.class, () -> ImageBasedCaptionFilter.evaluate(null, "en"));
  }

  @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "a dog on a beach|en|kept",
      "two words|en|kept", // 2 fastText tokens > 1 (basic would reject)
      "onewordonly|en|caption_too_few_words",
      "ab cd|en|caption_too_short",
      "a dog on a beach|fr|caption_not_english"})
  void imageBasedCaptionFilterFollowsCaptionFilter(String caption, String lang, String verdict) {
    assertEquals(verdict, ImageBasedCaptionFilter.evaluate(caption, lang).label());
  }

  @Test
  void imageBasedCountsANewlineAsAToken() {
    // fasttext.tokenize("oneword\n") == ["oneword", "</s>"]: 2 tokens > 1, 8 chars > 5
    assertEquals(FilterVerdict.KEPT, ImageBasedCaptionFilter.evaluate("oneword\n", "en"));
    // basic's str.split() sees one word
    assertEquals(FilterVerdict.CAPTION_TOO_FEW_WORDS, BasicFilter.evaluate("oneword\n", "en", 300, 300));
  }

  @Test
  void labelsAreStableAndDistinct() {
    Set<String> labels = new HashSet<>();
    for (FilterVerdict v : FilterVerdict.values()) {
      labels.add(v.label());
      assertEquals(v.name().toLowerCase(java.util.Locale.ROOT), v.label());
    }
    assertEquals(FilterVerdict.values().length, labels.size());
    assertEquals(Arrays.asList("kept", "caption_not_english", "caption_too_few_words", "caption_too_short",
        "image_too_small", "aspect_ratio"), Arrays.stream(FilterVerdict.values()).map(FilterVerdict::label).toList());
  }

  /**
   * The five real DataComp pool rows: the caption and image checks evaluated with their real text and original sizes,
   * the language given as English so that the other checks are exercised. Expected verdicts follow from DataComp's
   * masks applied by hand to the fixture values (1704x899: ratio 1.9; 120x90 and 80x80: below 200; 275x183: below
   * 200; "Couleur": 1 word).
   */
  @Test
  void realDataCompRows() throws IOException {
    JsonNode rows = new ObjectMapper().readTree(Fixtures.file("fixtures/images/datacomp_sample/metadata_rows.json")
        .toFile());
    String[] expected = {"kept", "image_too_small", "image_too_small", "image_too_small", "caption_too_few_words"};
    assertEquals(expected.length, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      FilterVerdict v = BasicFilter.evaluate(r.get("text").asText(), "en", r.get("original_width").asDouble(),
          r.get("original_height").asDouble());
      assertEquals(expected[i], v.label(), r.get("uid").asText());
    }
    assertEquals(FilterVerdict.KEPT, BasicFilter.evaluate(OK, "en", 600, 450)); // row 4's image (600x450) itself passes
  }
}
