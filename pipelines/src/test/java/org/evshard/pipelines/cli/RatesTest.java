package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RatesTest {

  @Test
  void wholeNumbersFromOneHundredThreeSignificantDigitsBelow() {
    assertEquals("1211", Rates.number(1210.65));
    assertEquals("100", Rates.number(99.96));
    assertEquals("41.7", Rates.number(41.666));
    assertEquals("4", Rates.number(4.0));
    assertEquals("0.392", Rates.number(2 / 5.1));
    assertEquals("0.00123", Rates.number(0.0012345));
  }

  @Test
  void noRateOfNothingOrFromLessThanAMillisecond() {
    assertEquals(" (0.392 samples/s)", Rates.perSecond(2, 5.1, "samples"));
    assertEquals(" (0.25 M events/s)", Rates.perSecond(5000 / 1e6, 0.02, "M events"));
    assertEquals("", Rates.perSecond(0, 3, "samples"));
    assertEquals("", Rates.perSecond(5, 0.0009, "samples"));
    assertEquals(" (5000 samples/s)", Rates.perSecond(5, 0.001, "samples"));
  }
}
