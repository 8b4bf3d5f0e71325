package io.github.metaqnn4j.agent;

import io.github.metaqnn4j.space.Architecture;

/**
 * One entry of the replay memory: an architecture, the reward it earned, and the epsilon and
 * iteration at which it was sampled. An architecture sampled several times has several entries, as
 * in the original MetaQNN code.
 *
 * <pre>{@code
 * new Experience(Architecture.parse("[C(8,3,1), SM(10)]"), 0.71, 1.0, 0);
 * }</pre>
 */
public record Experience(Architecture architecture, double reward, double epsilon, int iteration) {
  public Experience {
    if (architecture == null) {
      throw new IllegalArgumentException("an experience needs an architecture");
    }
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("a reward must be finite, got " + reward);
    }
  }
}
