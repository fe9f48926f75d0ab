package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The caption measurements against Python's and fastText's definitions. Expected counts are worked out by hand from
 * those definitions (Python 3 {@code str.split()} / {@code len}, fastText {@code Dictionary::readWord}).
 */
class CaptionTextTest {

  /**
   * Python 3's {@code [c for c in range(0x110000) if chr(c).isspace()]}, as printed by CPython 3 (Unicode White_Space
   * plus U+001C..U+001F).
   */
  private static final int[] PYTHON_SPACES = {0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0,
      0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029,
      0x202f, 0x205f, 0x3000};

  @Test
  void pythonWhitespaceIsExactlyPythonsIsspaceSet() {
    List<Integer> found = new ArrayList<>();
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      if (CaptionText.isPythonWhitespace(c)) {
        found.add(c);
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int c : PYTHON_SPACES) {
      expected.add(c);
    }
    assertEquals(expected, found);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "a dog on a beach|5",
      "  leading and trailing  |3",
      "''|0",
      "'   '|0",
      "one|1",
      "tab\tseparated\twords|3",
      "no\u00a0break\u00a0space|3", // U+00A0 is whitespace for Python (not for Character.isWhitespace)
      "narrow\u202fno-break|2",
      "ideographic\u3000space|2",
      "zero\u200bwidth|1", // U+200B is not whitespace in Python 3
      "file\u001cseparator|2"})
  void pythonWordCountFollowsStrSplit(String text, int words) {
    assertEquals(words, CaptionText.pythonWordCount(text));
  }

  @Test
  void pythonLengthCountsCodePoints() {
    assertEquals(6, CaptionText.pythonLength("caf\u00e9 x")); // len("café x") == 6
    assertEquals(3, CaptionText.pythonLength("\ud83d\udc36\ud83d\udc36\ud83d\udc36")); // three dog emoji: 6 chars
    assertEquals(4, CaptionText.pythonLength("e\u0301te")); // combining accent is its own code point
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "a dog|2",
      "one|1",
      "''|0",
      "a\rb|2", // CR separates but is no token
      "a\u00a0b|1", // fastText splits on ASCII separators only
      "a\u000bb\fc|3",
      "'  x  '|1"})
  void fastTextTokenCountFollowsReadWord(String text, int tokens) {
    assertEquals(tokens, CaptionText.fastTextTokenCount(text));
  }

  @Test
  void everyLineFeedIsAnEndOfSentenceToken() {
    assertEquals(3, CaptionText.fastTextTokenCount("a\nb")); // a, </s>, b
    assertEquals(2, CaptionText.fastTextTokenCount("a\n")); // a, </s>
    assertEquals(2, CaptionText.fastTextTokenCount("\n\n")); // </s>, </s>
    assertEquals(3, CaptionText.fastTextTokenCount(" a \n b ")); // a, </s>, b: the LF after a space is one </s>
  }

  @Test
  void languageIdInputReplacesOnlyLineFeeds() {
    assertEquals("a b\rc\td", CaptionText.languageIdInput("a\nb\rc\td"));
  }
}
