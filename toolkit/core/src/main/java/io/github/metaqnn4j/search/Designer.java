package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.space.Architecture;
import java.util.List;
import java.util.SortedMap;

/**
 * What designs a search's architectures and learns from their rewards: the Q-learning agent with
 * its replay memory, or a pool of policy-gradient controllers. The search calls it one iteration at
 * a time, in order, on restore as in a run, so that a resumed search reproduces the same state.
 */
interface Designer {
  /** Iteration {@code iteration}'s architecture, drawn with its random stream. */
  Architecture sample(int iteration, double epsilon, Rng rng);

  /** Learns from iteration {@code iteration}'s reward. */
  void learn(int iteration, Architecture architecture, double reward, double epsilon, Rng rng);

  /** Writes iteration {@code r} with what the designer keeps in the store after it. */
  void journal(Journal journal, ModelRecord r, boolean last);

  /** The architecture the designer prefers now. */
  Architecture greedy();

  /** The Q values (empty for a controller). */
  List<QValue> qValues();

  /** A controller's choice probabilities after each iteration that changed them (else empty). */
  SortedMap<Integer, List<ChoiceProbability>> choiceProbabilities();
}
