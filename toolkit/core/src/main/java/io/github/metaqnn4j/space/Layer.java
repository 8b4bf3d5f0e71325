package io.github.metaqnn4j.space;

/**
 * One layer of a MetaQNN architecture, written in the notation of the paper's tables: {@code
 * C(n,f,l)}, {@code P(f,l)}, {@code FC(n)}, {@code GAP(k)} and {@code SM(k)}.
 *
 * <pre>{@code
 * Layer conv = Layer.parse("C(64,3,1)");   // Conv[filters=64, kernel=3, stride=1]
 * conv.notation();                         // "C(64,3,1)"
 * }</pre>
 */
public sealed interface Layer permits Conv, Pool, FullyConnected, GlobalAveragePooling, Softmax {

  /** The layer in the paper's notation, for example {@code C(64,3,1)}; parses back to itself. */
  String notation();

  /** The short name of the layer type: C, P, FC, GAP or SM. */
  String type();

  /** Whether this layer ends an architecture (softmax). */
  default boolean terminal() {
    return false;
  }

  /**
   * Parses one layer, for example {@code "P(2,2)"}.
   *
   * @throws NotationException naming the position and what was expected
   */
  static Layer parse(String text) {
    return NotationParser.parseLayer(text);
  }

  /** Rejects non-positive parameters with a message that names the layer and the parameter. */
  static void requirePositive(String layer, String parameter, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          layer + ": " + parameter + " must be positive, got " + value);
    }
  }
}
