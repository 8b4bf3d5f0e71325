package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.controller.ControllerPool;
import io.github.metaqnn4j.space.Architecture;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The policy-gradient designer: a {@link ControllerPool} samples (epsilon plays no part) and learns
 * from each reward in order. The choice probabilities are kept, and stored, after the first
 * iteration and after every iteration that changed a policy.
 */
final class ControllerDesigner implements Designer {
  private final ControllerPool pool;
  private final SortedMap<Integer, List<ChoiceProbability>> snapshots = new TreeMap<>();

  ControllerDesigner(ControllerPool pool) {
    this.pool = pool;
  }

  ControllerPool pool() {
    return pool;
  }

  @Override
  public Architecture sample(int iteration, double epsilon, Rng rng) {
    return pool.sample(iteration, rng);
  }

  @Override
  public void learn(
      int iteration, Architecture architecture, double reward, double epsilon, Rng rng) {
    if (pool.learn(iteration, architecture, reward) || iteration == 0) {
      snapshots.put(iteration, pool.choiceProbabilities());
    }
  }

  @Override
  public void journal(Journal journal, ModelRecord r, boolean last) {
    journal.recordWithChoices(r, snapshots.get(r.iteration()));
  }

  @Override
  public Architecture greedy() {
    return pool.greedy();
  }

  @Override
  public List<QValue> qValues() {
    return List.of();
  }

  @Override
  public SortedMap<Integer, List<ChoiceProbability>> choiceProbabilities() {
    return Collections.unmodifiableSortedMap(snapshots);
  }
}
