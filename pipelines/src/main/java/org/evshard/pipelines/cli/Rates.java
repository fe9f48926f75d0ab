package org.evshard.pipelines.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How the summary lines print a throughput: whole numbers from 100 up ({@code 1210 samples/s}), three significant
 * digits below ({@code 41.7}, {@code 0.392}), so a small or slow run never reads {@code 0 samples/s}; nothing at all
 * when nothing was counted or the elapsed time is below {@value #MIN_SECONDS} s, where it says nothing about speed.
 */
final class Rates {

  /** Elapsed times below this give no rate. */
  static final double MIN_SECONDS = 1e-3;

  private Rates() {}

  /** {@code " (R UNIT/s)"}, or {@code ""} when {@code count} is 0 or {@code seconds} below {@link #MIN_SECONDS}. */
  static String perSecond(double count, double seconds, String unit) {
    if (!(count > 0) || !(seconds >= MIN_SECONDS)) {
      return "";
    }
    return " (" + number(count / seconds) + " " + unit + "/s)";
  }

  /** {@code rate} rounded to a whole number from 100 up, to three significant digits below. */
  static String number(double rate) {
    if (rate >= 100) {
      return String.format(Locale.ROOT, "%.0f", rate);
    }
    return new BigDecimal(rate).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
