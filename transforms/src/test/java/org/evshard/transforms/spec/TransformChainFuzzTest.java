package org.evshard.transforms.spec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.evshard.transforms.TransformException;

/**
 * The transform spec language from any text, as {@code --transform} and pipeline options hand it over: the input's
 * lines are the specs of one chain. Parsing either gives a chain or throws a {@link TransformException} (the module's
 * root: syntax, unknown name or parameter, bad value, bad order); nothing else escapes (no
 * {@code NumberFormatException}, no index errors). Seeds ({@code TransformChainFuzzTestInputs/parsesAnySpecText}):
 * chains in the README's and docs/TRANSFORMS.md's notation, one per parameter kind (integers, floats, booleans,
 * tuples, coordinate lists, strings).
 */
class TransformChainFuzzTest {

  @FuzzTest
  void parsesAnySpecText(byte[] input) {
    List<String> specs = List.of(new String(input, StandardCharsets.UTF_8).split("\n", 8));
    try {
      TransformChain chain = TransformChain.parse(specs);
      if (chain.specs().size() != specs.size()) {
        throw new AssertionError(specs.size() + " specs parsed into " + chain.specs().size());
      }
      chain.toString();
    } catch (TransformException expected) {
      // a message naming the spec
    }
  }
}
