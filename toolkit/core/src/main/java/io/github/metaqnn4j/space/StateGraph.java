package io.github.metaqnn4j.space;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state space compiled for fast learning: every reachable (state, true size) pair is a {@link
 * Node} with its legal actions and successors, and every state has a fixed list of action slots
 * (the union of its nodes' actions), so that a Q table can be a plain array per state.
 *
 * <pre>{@code
 * var graph = StateSpace.cifar10().build().graph();
 * graph.states().size();          // reachable states
 * graph.stateActionCount();       // Q-table entries
 * }</pre>
 */
public final class StateGraph {
  private final StateSpace space;
  private final List<State> states;
  private final Map<State, Integer> stateIds;
  private final List<List<Layer>> slots;
  private final List<Node> nodes;
  private final int stateActionCount;

  private StateGraph(
      StateSpace space,
      List<State> states,
      Map<State, Integer> stateIds,
      List<List<Layer>> slots,
      List<Node> nodes) {
    this.space = space;
    this.states = Collections.unmodifiableList(states);
    this.stateIds = Collections.unmodifiableMap(stateIds);
    this.slots = slots.stream().map(List::copyOf).toList();
    this.nodes = Collections.unmodifiableList(nodes);
    this.stateActionCount = slots.stream().mapToInt(List::size).sum();
  }

  /** A reachable state at a known true representation size, with its legal actions. */
  public static final class Node {
    private final int id;
    private final State state;
    private final int stateId;
    private final int size;
    private Layer[] actions;
    private int[] slots;
    private Node[] next;

    private Node(int id, State state, int stateId, int size) {
      this.id = id;
      this.state = state;
      this.stateId = stateId;
      this.size = size;
    }

    public int id() {
      return id;
    }

    public State state() {
      return state;
    }

    /** The id of {@link #state()} in {@link StateGraph#states()}. */
    public int stateId() {
      return stateId;
    }

    /** The true representation size at this node. */
    public int size() {
      return size;
    }

    /** The number of legal actions here. */
    public int actionCount() {
      return actions.length;
    }

    /** The i-th legal action. */
    public Layer action(int i) {
      return actions[i];
    }

    /** The slot of the i-th legal action among its state's actions (the Q-table column). */
    public int slot(int i) {
      return slots[i];
    }

    /** The node the i-th action leads to, or null when that action terminates (softmax). */
    public Node next(int i) {
      return next[i];
    }

    /** The index of {@code layer} among the legal actions here, or -1. */
    public int indexOf(Layer layer) {
      for (int i = 0; i < actions.length; i++) {
        if (actions[i].equals(layer)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public String toString() {
      return state + " size " + size;
    }
  }

  /**
   * A compiled trajectory: the nodes visited and the index of the action chosen at each.
   *
   * @param nodes the nodes, the start node first
   * @param choices at each node, the index of the chosen action
   */
  public record Path(List<Node> nodes, int[] choices) {
    public Path {
      nodes = List.copyOf(nodes);
      choices = choices.clone();
      if (nodes.size() != choices.length || nodes.isEmpty()) {
        throw new IllegalArgumentException("a path needs one choice per node");
      }
    }

    /** The number of transitions. */
    public int length() {
      return choices.length;
    }

    /** The node of step i. */
    public Node node(int i) {
      return nodes.get(i);
    }

    /** The action index chosen at step i. */
    public int choice(int i) {
      return choices[i];
    }

    /** The architecture this path designs. */
    public Architecture architecture() {
      List<Layer> layers = new ArrayList<>(choices.length);
      for (int i = 0; i < choices.length; i++) {
        layers.add(nodes.get(i).action(choices[i]));
      }
      return new Architecture(layers);
    }

    @Override
    public int[] choices() {
      return choices.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Path p && architecture().equals(p.architecture());
    }

    @Override
    public int hashCode() {
      return architecture().hashCode();
    }

    @Override
    public String toString() {
      return architecture().toString();
    }
  }

  static StateGraph compile(StateSpace space) {
    record Key(State state, int size) {}
    List<State> states = new ArrayList<>();
    Map<State, Integer> stateIds = new HashMap<>();
    List<Map<Layer, Integer>> slotMaps = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    Map<Key, Node> byKey = new HashMap<>();
    List<List<Layer>> legalByNode = new ArrayList<>();
    ArrayDeque<Node> queue = new ArrayDeque<>();

    java.util.function.BiFunction<State, Integer, Node> nodeFor =
        (state, size) ->
            byKey.computeIfAbsent(
                new Key(state, size),
                k -> {
                  Integer sid = stateIds.get(state);
                  if (sid == null) {
                    sid = states.size();
                    states.add(state);
                    stateIds.put(state, sid);
                    slotMaps.add(new LinkedHashMap<>());
                  }
                  Node n = new Node(nodes.size(), state, sid, size);
                  nodes.add(n);
                  legalByNode.add(null);
                  queue.add(n);
                  return n;
                });

    nodeFor.apply(space.start(), space.imageSize());
    while (!queue.isEmpty()) {
      Node n = queue.poll();
      List<Layer> legal = space.legalActions(n.state, n.size);
      Map<Layer, Integer> slotMap = slotMaps.get(n.stateId);
      n.actions = legal.toArray(new Layer[0]);
      n.slots = new int[legal.size()];
      n.next = new Node[legal.size()];
      for (int i = 0; i < legal.size(); i++) {
        Layer a = legal.get(i);
        n.slots[i] = slotMap.computeIfAbsent(a, x -> slotMap.size());
        if (!a.terminal()) {
          int size = space.sizeAfter(n.size, a);
          n.next[i] = nodeFor.apply(space.next(n.state, n.size, a), size);
        }
      }
    }
    List<List<Layer>> slots = new ArrayList<>();
    for (Map<Layer, Integer> m : slotMaps) {
      slots.add(new ArrayList<>(m.keySet()));
    }
    return new StateGraph(space, states, stateIds, slots, nodes);
  }

  /** The space this graph was compiled from. */
  public StateSpace space() {
    return space;
  }

  /** The start node. */
  public Node start() {
    return nodes.get(0);
  }

  /** Every reachable (state, true size) node, in breadth-first order. */
  public List<Node> nodes() {
    return nodes;
  }

  /** Every reachable state; a state's index here is its id. */
  public List<State> states() {
    return states;
  }

  /** The id of a reachable state, or -1. */
  public int stateId(State state) {
    return stateIds.getOrDefault(state, -1);
  }

  /** The action slots of a state: every action legal from it at some true size. */
  public List<Layer> actions(int stateId) {
    return slots.get(stateId);
  }

  /** The number of state-action pairs over all states. */
  public int stateActionCount() {
    return stateActionCount;
  }

  /**
   * The compiled path of an architecture.
   *
   * @throws IllegalArchitectureException if the space does not allow it
   */
  public Path path(Architecture architecture) {
    Node node = start();
    List<Node> visited = new ArrayList<>(architecture.size());
    int[] choices = new int[architecture.size()];
    for (int i = 0; i < architecture.size(); i++) {
      int choice = node == null ? -1 : node.indexOf(architecture.layer(i));
      if (choice < 0) {
        space.walk(architecture); // throws with the rule that is broken
        throw new IllegalArchitectureException(architecture, i, "it is not reachable");
      }
      visited.add(node);
      choices[i] = choice;
      node = node.next(choice);
    }
    if (node != null) {
      throw new IllegalArchitectureException(
          architecture, architecture.size(), "it must end with SM(" + space.classes() + ")");
    }
    return new Path(visited, choices);
  }

  /** The number of distinct architectures the space allows. */
  public BigInteger architectureCount() {
    BigInteger[] count = new BigInteger[nodes.size()];
    for (int k = nodes.size() - 1; k >= 0; k--) {
      Node n = nodes.get(k);
      BigInteger c = BigInteger.ZERO;
      for (int i = 0; i < n.actionCount(); i++) {
        c = c.add(n.next(i) == null ? BigInteger.ONE : count[n.next(i).id]);
      }
      count[k] = c;
    }
    return count[0];
  }

  /**
   * Every architecture the space allows, in a fixed depth-first order (the vocabulary's order at
   * each layer), for spaces small enough to list: tabular benchmarks, exhaustive checks.
   *
   * @throws IllegalArgumentException when the space allows more than {@code max} architectures
   */
  public List<Architecture> architectures(int max) {
    BigInteger count = architectureCount();
    if (count.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(
          "this space allows "
              + count
              + " architectures, more than the "
              + max
              + " asked for; list a smaller space (maxDepth, filters, kernels)");
    }
    List<Architecture> out = new ArrayList<>(count.intValue());
    collect(start(), new ArrayList<>(), out);
    return out;
  }

  private static void collect(Node node, List<Layer> prefix, List<Architecture> out) {
    for (int i = 0; i < node.actionCount(); i++) {
      prefix.add(node.action(i));
      if (node.next(i) == null) {
        out.add(new Architecture(prefix));
      } else {
        collect(node.next(i), prefix, out);
      }
      prefix.remove(prefix.size() - 1);
    }
  }
}
