package io.github.metaqnn4j.agent;

import io.github.metaqnn4j.space.StateGraph;
import io.github.metaqnn4j.space.StateGraph.Node;
import io.github.metaqnn4j.space.StateGraph.Path;
import io.github.metaqnn4j.space.StateSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The MetaQNN agent: samples architectures epsilon-greedily from its Q table (the paper's Algorithm
 * 2) and learns from rewards by updating whole trajectories in reversed order (Algorithm 3),
 * directly and through experience replay.
 *
 * <p>At each step the legal actions are those of the current state at the true representation size
 * (tracked along the trajectory); the bootstrap target {@code max Q(s', a')} is taken over the
 * actions legal at the next step's true size.
 *
 * <pre>{@code
 * var agent = new QLearningAgent(StateSpace.small().build(), QLearningSettings.paper());
 * var path = agent.sample(0.5, Rng.of(1));
 * agent.update(path, 0.9);
 * agent.greedy();   // the architecture the agent currently believes best
 * }</pre>
 */
public final class QLearningAgent {
  private final StateGraph graph;
  private final QLearningSettings params;
  private final QTable q;

  /** An agent for {@code space} with a fresh Q table. */
  public QLearningAgent(StateSpace space, QLearningSettings params) {
    this(space.graph(), params, new QTable(space.graph(), params.initialQ()));
  }

  /** An agent that continues from an existing Q table (resume, import). */
  public QLearningAgent(StateGraph graph, QLearningSettings params, QTable q) {
    if (q.graph() != graph) {
      throw new IllegalArgumentException("the Q table belongs to another state space");
    }
    this.graph = graph;
    this.params = params;
    this.q = q;
  }

  public StateGraph graph() {
    return graph;
  }

  public QLearningSettings params() {
    return params;
  }

  /** The Q table (live: it changes as the agent learns). */
  public QTable q() {
    return q;
  }

  /**
   * Samples a trajectory: at every step, with probability {@code epsilon} a uniformly random legal
   * action, else one of the actions of highest Q value (ties broken uniformly).
   */
  public Path sample(double epsilon, Rng rng) {
    Objects.requireNonNull(rng, "rng");
    return walk(
        node ->
            rng.nextDouble() < epsilon ? rng.nextInt(node.actionCount()) : bestAction(node, rng));
  }

  /** The greedy trajectory, ties broken towards the first action in vocabulary order. */
  public Path greedy() {
    return walk(node -> bestAction(node, null));
  }

  private Path walk(ToIntFunction<Node> chooser) {
    List<Node> nodes = new ArrayList<>();
    List<Integer> choices = new ArrayList<>();
    Node node = graph.start();
    while (node != null) {
      int choice = chooser.applyAsInt(node);
      nodes.add(node);
      choices.add(choice);
      node = node.next(choice);
    }
    return new Path(nodes, choices.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Updates every transition of {@code path} from the last to the first: {@code Q(s,a) += alpha (r
   * + gamma max Q(s',a') - Q(s,a))}, where {@code r} is the reward at the terminal transition and 0
   * before it.
   */
  public void update(Path path, double reward) {
    double alpha = params.alpha();
    double gamma = params.gamma();
    for (int i = path.length() - 1; i >= 0; i--) {
      Node node = path.node(i);
      int choice = path.choice(i);
      Node next = node.next(choice);
      double target = next == null ? reward : gamma * q.max(next);
      double old = q.get(node, choice);
      q.set(node, choice, old + alpha * (target - old));
    }
  }

  /**
   * Experience replay: samples {@link QLearningSettings#replaySamples()} entries uniformly (with
   * replacement) from {@code memory} and updates each with its stored reward.
   */
  public void replay(ReplayMemory memory, Rng rng) {
    if (memory.size() == 0) {
      return;
    }
    for (int k = 0; k < params.replaySamples(); k++) {
      int i = rng.nextInt(memory.size());
      update(memory.path(i), memory.entries().get(i).reward());
    }
  }

  private int bestAction(Node node, Rng rng) {
    double best = Double.NEGATIVE_INFINITY;
    int ties = 0;
    int chosen = 0;
    for (int i = 0, n = node.actionCount(); i < n; i++) {
      double v = q.get(node, i);
      if (v > best) {
        best = v;
        chosen = i;
        ties = 1;
      } else if (v == best && rng != null) {
        ties++;
        if (rng.nextInt(ties) == 0) {
          chosen = i; // reservoir sampling: uniform among the tied maxima
        }
      }
    }
    return chosen;
  }
}
