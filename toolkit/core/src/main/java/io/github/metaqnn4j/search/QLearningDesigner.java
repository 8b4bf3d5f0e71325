package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.Experience;
import io.github.metaqnn4j.agent.QLearningAgent;
import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.agent.ReplayMemory;
import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.space.Architecture;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * MetaQNN's designer: epsilon-greedy samples from the Q table; after each model, its experience
 * joins the replay memory and the agent replays from it. The Q table is stored every {@value
 * Search#Q_SNAPSHOT_EVERY} iterations and at the end.
 */
final class QLearningDesigner implements Designer {
  private final QLearningAgent agent;
  private final ReplayMemory memory;

  QLearningDesigner(QLearningAgent agent, ReplayMemory memory) {
    this.agent = agent;
    this.memory = memory;
  }

  QLearningAgent agent() {
    return agent;
  }

  ReplayMemory memory() {
    return memory;
  }

  @Override
  public Architecture sample(int iteration, double epsilon, Rng rng) {
    return agent.sample(epsilon, rng).architecture();
  }

  @Override
  public void learn(
      int iteration, Architecture architecture, double reward, double epsilon, Rng rng) {
    memory.add(new Experience(architecture, reward, epsilon, iteration));
    agent.replay(memory, rng);
  }

  @Override
  public void journal(Journal journal, ModelRecord r, boolean last) {
    boolean snapshot = (r.iteration() + 1) % Search.Q_SNAPSHOT_EVERY == 0 || last;
    journal.record(r, snapshot ? agent.q().entries() : null);
  }

  @Override
  public Architecture greedy() {
    return agent.greedy().architecture();
  }

  @Override
  public List<QValue> qValues() {
    return agent.q().entries();
  }

  @Override
  public SortedMap<Integer, List<ChoiceProbability>> choiceProbabilities() {
    return Collections.emptySortedMap();
  }
}
