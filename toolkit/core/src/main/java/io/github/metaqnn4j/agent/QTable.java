package io.github.metaqnn4j.agent;

import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.State;
import io.github.metaqnn4j.space.StateGraph;
import io.github.metaqnn4j.space.StateGraph.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Q table: one value per state-action pair of a compiled state space, all starting at the same
 * initial value. Its values change as the agent learns; {@link #entries()} gives a snapshot.
 *
 * <pre>{@code
 * var q = new QTable(StateSpace.small().build().graph(), 0.5);
 * q.value(q.graph().states().get(0), q.graph().actions(0).get(0));   // 0.5
 * }</pre>
 */
public final class QTable {
  private final StateGraph graph;
  private final double[][] values;

  /** A table over every state-action pair of {@code graph}, each set to {@code initial}. */
  public QTable(StateGraph graph, double initial) {
    this.graph = graph;
    this.values = new double[graph.states().size()][];
    for (int s = 0; s < values.length; s++) {
      values[s] = new double[graph.actions(s).size()];
      Arrays.fill(values[s], initial);
    }
  }

  /** The graph whose state-action pairs this table holds. */
  public StateGraph graph() {
    return graph;
  }

  /** The value of the i-th legal action at a node. */
  public double get(Node node, int i) {
    return values[node.stateId()][node.slot(i)];
  }

  /** Sets the value of the i-th legal action at a node. */
  public void set(Node node, int i, double value) {
    values[node.stateId()][node.slot(i)] = value;
  }

  /** The largest value over the legal actions at a node. */
  public double max(Node node) {
    double[] row = values[node.stateId()];
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0, n = node.actionCount(); i < n; i++) {
      double v = row[node.slot(i)];
      if (v > best) {
        best = v;
      }
    }
    return best;
  }

  /**
   * The value of {@code action} in {@code state}.
   *
   * @throws IllegalArgumentException if the pair is not in the space
   */
  public double value(State state, Layer action) {
    int s = graph.stateId(state);
    int slot = s < 0 ? -1 : graph.actions(s).indexOf(action);
    if (slot < 0) {
      throw new IllegalArgumentException(
          "no Q entry for " + action + " in state " + state + ": not a reachable pair");
    }
    return values[s][slot];
  }

  /**
   * Sets the value of {@code action} in {@code state} (to restore a stored or imported table).
   *
   * @throws IllegalArgumentException if the pair is not in the space or the value is not finite
   */
  public void setValue(State state, Layer action, double value) {
    value(state, action);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a Q value must be finite, got " + value);
    }
    int s = graph.stateId(state);
    values[s][graph.actions(s).indexOf(action)] = value;
  }

  /** Every entry, state by state in graph order. */
  public List<QValue> entries() {
    List<QValue> out = new ArrayList<>(graph.stateActionCount());
    for (int s = 0; s < values.length; s++) {
      State state = graph.states().get(s);
      List<Layer> actions = graph.actions(s);
      for (int a = 0; a < actions.size(); a++) {
        out.add(new QValue(state, actions.get(a), values[s][a]));
      }
    }
    return out;
  }

  /** An independent copy with the same values. */
  public QTable copy() {
    QTable c = new QTable(graph, 0);
    for (int s = 0; s < values.length; s++) {
      System.arraycopy(values[s], 0, c.values[s], 0, values[s].length);
    }
    return c;
  }
}
