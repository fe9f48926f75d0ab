package org.evshard.transforms.curate;

/**
 * The caption measurements DataComp's filters take, reproduced on Java strings: Python's {@code len(text)} (code
 * points), Python's {@code len(text.split())} (runs of Python whitespace), fastText's {@code len(fasttext.tokenize(text))}
 * and the text DataComp hands its language identifier ({@code text.replace("\n", " ")}).
 *
 * <p>Python's whitespace for {@code str.split()} with no argument is every code point whose {@code str.isspace()} is
 * true; that set differs from {@link Character#isWhitespace} (it includes U+00A0, U+2007, U+202F, U+0085), so it is
 * spelled out here.
 */
public final class CaptionText {

  private CaptionText() {}

  /** Python's {@code len(text)}: the number of code points (a lone surrogate counts as one, as it does in Python). */
  public static int pythonLength(String text) {
    return text.codePointCount(0, text.length());
  }

  /** Python's {@code len(text.split())}: the number of maximal runs of non-whitespace code points. */
  public static int pythonWordCount(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (isPythonWhitespace(c)) {
        inWord = false;
      } else if (!inWord) {
        inWord = true;
        words++;
      }
    }
    return words;
  }

  /**
   * Python 3's {@code str.isspace()} (Unicode White_Space plus the ASCII separators U+001C..U+001F): tab, LF, VT, FF,
   * CR, U+001C..U+001F, space, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
   */
  public static boolean isPythonWhitespace(int c) {
    if (c <= 0x20) {
      return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
        || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /**
   * fastText's {@code len(fasttext.tokenize(text))} ({@code Dictionary::readWord}): tokens are separated by space, tab,
   * LF, CR, VT, FF and NUL; every LF that is not the end of a token's run of separators also yields the end-of-sentence
   * token {@code </s>}. Precisely, readWord emits {@code </s>} for each LF met while no token is being built, and an LF
   * that ends a token is pushed back and then read again as {@code </s>}: so every LF counts as one token.
   */
  public static int fastTextTokenCount(String text) {
    int tokens = 0;
    boolean inToken = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        if (inToken) {
          inToken = false;
          tokens++; // the word just ended
        }
        tokens++; // </s>
      } else if (c == ' ' || c == '\r' || c == '\t' || c == 0x0B || c == '\f' || c == 0) {
        if (inToken) {
          inToken = false;
          tokens++;
        }
      } else {
        inToken = true;
      }
    }
    return inToken ? tokens + 1 : tokens;
  }

  /** The text DataComp gives fastText: every LF replaced by a space (CR and other separators are left alone). */
  public static String languageIdInput(String text) {
    return text.replace('\n', ' ');
  }
}
