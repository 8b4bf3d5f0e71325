package io.github.metaqnn4j.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a state space holds: its states by layer type and depth, its state-action pairs (the Q
 * table's size) and how many architectures it allows.
 *
 * <pre>{@code
 * StateSpace.cifar10().build().describe();   // prints a table of states by type and depth
 * }</pre>
 *
 * @param space the space's one-line description
 * @param states the number of reachable states
 * @param stateActionPairs the number of reachable state-action pairs
 * @param nodes the number of (state, true size) pairs
 * @param architectures the number of distinct architectures
 * @param statesByType for each layer type (start, C, P, FC, GAP), the state count at each depth
 */
public record SpaceSummary(
    String space,
    int states,
    int stateActionPairs,
    int nodes,
    BigInteger architectures,
    Map<String, Map<Integer, Integer>> statesByType) {

  static final List<String> TYPES = List.of("start", "C", "P", "FC", "GAP");

  public SpaceSummary {
    Map<String, Map<Integer, Integer>> copy = new TreeMap<>();
    statesByType.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    statesByType = Map.copyOf(copy);
  }

  static SpaceSummary of(StateSpace space) {
    StateGraph g = space.graph();
    Map<String, Map<Integer, Integer>> byType = new TreeMap<>();
    for (State s : g.states()) {
      byType.computeIfAbsent(s.type(), t -> new TreeMap<>()).merge(s.depth(), 1, Integer::sum);
    }
    return new SpaceSummary(
        space.toString(),
        g.states().size(),
        g.stateActionCount(),
        g.nodes().size(),
        g.architectureCount(),
        byType);
  }

  /** The number of states of one layer type, over all depths. */
  public int count(String type) {
    return statesByType.getOrDefault(type, Map.of()).values().stream().mapToInt(i -> i).sum();
  }

  /** A text table: one row per layer type, one column per depth. */
  @Override
  public String toString() {
    int maxDepth =
        statesByType.values().stream()
            .flatMap(m -> m.keySet().stream())
            .mapToInt(i -> i)
            .max()
            .orElse(0);
    StringBuilder sb = new StringBuilder(space).append('\n');
    sb.append(
        String.format(
            "%d states, %d state-action pairs, %d (state, size) nodes, %s architectures%n",
            states, stateActionPairs, nodes, architectures));
    List<String> header = new ArrayList<>(List.of("type"));
    for (int d = 0; d <= maxDepth; d++) {
      header.add("d" + d);
    }
    header.add("total");
    sb.append(row(header));
    for (String type : TYPES) {
      if (!statesByType.containsKey(type)) {
        continue;
      }
      List<String> cells = new ArrayList<>(List.of(type));
      for (int d = 0; d <= maxDepth; d++) {
        cells.add(String.valueOf(statesByType.get(type).getOrDefault(d, 0)));
      }
      cells.add(String.valueOf(count(type)));
      sb.append(row(cells));
    }
    return sb.toString();
  }

  private static String row(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (String c : cells) {
      sb.append(String.format("%6s", c));
    }
    return sb.append('\n').toString();
  }
}
