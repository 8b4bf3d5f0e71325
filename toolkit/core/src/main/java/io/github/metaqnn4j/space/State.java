package io.github.metaqnn4j.space;

/**
 * A state of the agent: the last layer chosen (none at the start), the layer depth, the
 * representation-size bin and, for fully connected layers, how many FC layers in a row end here.
 * The true representation size is not part of the state (paper, Appendix B); it is tracked along a
 * trajectory by {@link Step}.
 *
 * <pre>{@code
 * var space = StateSpace.small().build();
 * space.start();                       // start@0 (inf,8]
 * }</pre>
 *
 * @param layer the last layer, or {@code null} for the start state
 * @param depth the number of layers so far
 * @param sizeBin the lower bound of the representation-size bin
 * @param fcRun the number of consecutive FC layers ending with this one (0 unless FC)
 */
public record State(Layer layer, int depth, int sizeBin, int fcRun) {
  public State {
    if (depth < 0 || sizeBin < 1 || fcRun < 0) {
      throw new IllegalArgumentException(
          "invalid state: depth " + depth + ", size bin " + sizeBin + ", fc run " + fcRun);
    }
    if (layer == null && depth != 0) {
      throw new IllegalArgumentException("only depth 0 may have no layer (the start state)");
    }
  }

  /** Whether this is the start state, before any layer. */
  public boolean isStart() {
    return layer == null;
  }

  /** Whether this state ends an architecture (its layer is softmax). */
  public boolean isTerminal() {
    return layer != null && layer.terminal();
  }

  /** The layer type of this state: start, C, P, FC, GAP or SM. */
  public String type() {
    return layer == null ? "start" : layer.type();
  }

  @Override
  public String toString() {
    String name = layer == null ? "start" : layer.notation();
    return name + "@" + depth + " r" + sizeBin + (fcRun > 0 ? " fc" + fcRun : "");
  }
}
