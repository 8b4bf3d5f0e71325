package io.github.metaqnn4j.agent;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateGraph;
import io.github.metaqnn4j.space.StateGraph.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The replay dictionary: every sampled architecture with its reward. It answers whether an
 * architecture was already evaluated (so it is not trained again) and draws uniform samples for
 * experience replay.
 *
 * <pre>{@code
 * var memory = new ReplayMemory(space.graph());
 * memory.add(new Experience(arch, 0.8, 1.0, 0));
 * memory.rewardOf(arch);   // OptionalDouble[0.8]
 * }</pre>
 */
public final class ReplayMemory {
  private final StateGraph graph;
  private final List<Experience> entries = new ArrayList<>();
  private final List<Path> paths = new ArrayList<>();
  private final Map<Architecture, Path> known = new HashMap<>();
  private final Map<Architecture, Double> rewards = new HashMap<>();

  /** An empty memory for architectures of {@code graph}'s space. */
  public ReplayMemory(StateGraph graph) {
    this.graph = graph;
  }

  /**
   * Adds an experience.
   *
   * @throws io.github.metaqnn4j.space.IllegalArchitectureException if the space does not allow it
   */
  public void add(Experience e) {
    Path path = known.computeIfAbsent(e.architecture(), graph::path);
    rewards.putIfAbsent(e.architecture(), e.reward());
    entries.add(e);
    paths.add(path);
  }

  /** The reward first stored for an architecture, if it was evaluated. */
  public OptionalDouble rewardOf(Architecture architecture) {
    Double r = rewards.get(architecture);
    return r == null ? OptionalDouble.empty() : OptionalDouble.of(r);
  }

  /** Whether the architecture was evaluated. */
  public boolean contains(Architecture architecture) {
    return rewards.containsKey(architecture);
  }

  /** The number of entries (re-samples of one architecture count each). */
  public int size() {
    return entries.size();
  }

  /** The number of distinct architectures. */
  public int distinct() {
    return rewards.size();
  }

  /** The entries in the order they were added. */
  public List<Experience> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** The i-th entry's compiled path. */
  Path path(int i) {
    return paths.get(i);
  }
}
