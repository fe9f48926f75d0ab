package org.evshard.transforms.select;

import org.evshard.transforms.InvalidParameterException;

/** The budget check every selection kernel makes: {@code 0 <= k <= n}. */
final class Budget {

  private Budget() {}

  static void check(String method, int k, int n) {
    if (k < 0 || k > n) {
      throw InvalidParameterException.of(method, "budget k", "in [0, " + n + "] (the group size)", k);
    }
  }
}
