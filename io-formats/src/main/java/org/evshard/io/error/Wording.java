package org.evshard.io.error;

/** English for messages that print a count or a number-led word: {@code 1 byte} / {@code 2 bytes}, {@code an 8-byte}. */
public final class Wording {

  private Wording() {}

  /** {@code n} and the noun, plural unless {@code n} is 1 ({@code "byte"} -> {@code 1 byte}, {@code 5 bytes}). */
  public static String count(long n, String noun) {
    return n + " " + (n == 1 || n == -1 ? noun : noun + "s");
  }

  /**
   * {@code word} with its indefinite article, as it is said: {@code an 8-byte}, {@code an 18-byte}, {@code a 4-byte},
   * {@code an int16}, {@code a uint8}, {@code a float32}. Numbers are read as words (8, 11, 18, 80-89, 800-899, 11000
   * take "an"); a word starting with a, e, i or o takes "an" (a leading u is read "you", as in uint8).
   */
  public static String article(String word) {
    return (startsWithVowelSound(word) ? "an " : "a ") + word;
  }

  private static boolean startsWithVowelSound(String word) {
    if (word.isEmpty()) {
      return false;
    }
    char c = Character.toLowerCase(word.charAt(0));
    if (Character.isDigit(c)) {
      int digits = 0;
      while (digits < word.length() && Character.isDigit(word.charAt(digits))) {
        digits++;
      }
      return c == '8' || digits % 3 == 2 && (word.startsWith("11") || word.startsWith("18"));
    }
    return c == 'a' || c == 'e' || c == 'i' || c == 'o';
  }
}
