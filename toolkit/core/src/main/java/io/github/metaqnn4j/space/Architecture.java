package io.github.metaqnn4j.space;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A CNN architecture as a list of layers, written as in the paper's tables. {@link #parse} and
 * {@link #toString} round-trip exactly on the canonical form.
 *
 * <pre>{@code
 * var a = Architecture.parse("[C(64,1,1), C(256,3,1), P(2,2), C(512,3,1), FC(512), SM(10)]");
 * a.size();        // 6
 * a.toString();    // the same text
 * }</pre>
 */
public record Architecture(List<Layer> layers) {
  public Architecture {
    if (layers == null || layers.isEmpty()) {
      throw new IllegalArgumentException("an architecture needs at least one layer, e.g. [SM(10)]");
    }
    layers = List.copyOf(layers);
  }

  /** An architecture of the given layers. */
  public static Architecture of(Layer... layers) {
    return new Architecture(List.of(layers));
  }

  /**
   * Parses the paper's notation, e.g. {@code "[C(64,3,1), P(2,2), SM(10)]"}; brackets are optional,
   * and layers may be separated by commas or by dashes.
   *
   * @throws NotationException naming the position and what was expected there
   */
  public static Architecture parse(String text) {
    return NotationParser.parseArchitecture(text);
  }

  /** The number of layers, the softmax included. */
  public int size() {
    return layers.size();
  }

  /** The i-th layer, from 0. */
  public Layer layer(int i) {
    return layers.get(i);
  }

  /** The number of layers before the final softmax: the depth the state space limits. */
  public int depth() {
    return layers.get(layers.size() - 1).terminal() ? layers.size() - 1 : layers.size();
  }

  /** How many layers of the given type (C, P, FC, GAP, SM) this architecture has. */
  public long count(String type) {
    return layers.stream().filter(l -> l.type().equals(type)).count();
  }

  /** The canonical notation, e.g. {@code [C(64,3,1), P(2,2), SM(10)]}. */
  @Override
  public String toString() {
    return layers.stream().map(Layer::notation).collect(Collectors.joining(", ", "[", "]"));
  }
}
