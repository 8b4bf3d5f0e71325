package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a search produced: every iteration in order, the final Q values, the greedy architecture,
 * and how the search ended. Immutable.
 *
 * <pre>{@code
 * result.topModels(5);             // best unique models first
 * result.meanReward(1.0);          // mean reward of the models sampled at epsilon 1.0
 * result.greedy();                 // the agent's greedy architecture at the end
 * }</pre>
 *
 * @param space the state space searched
 * @param schedule the epsilon schedule
 * @param seed the search's seed
 * @param history every iteration, evaluated or reused
 * @param qValues the Q table at the end (empty for a controller search)
 * @param choiceProbabilities a controller search's choice probabilities after its first iteration
 *     and after each one that changed a policy, by iteration (empty for Q-learning)
 * @param greedy the greedy architecture at the end
 * @param status how the search ended
 * @param message details for a search that did not complete
 */
public record SearchResult(
    StateSpace space,
    EpsilonSchedule schedule,
    long seed,
    List<ModelRecord> history,
    List<QValue> qValues,
    SortedMap<Integer, List<ChoiceProbability>> choiceProbabilities,
    Architecture greedy,
    Status status,
    String message) {

  /** How a search ended. */
  public enum Status {
    /** Every model of the schedule was evaluated. */
    COMPLETED,
    /** The agent kept sampling architectures it had already evaluated; the space is exhausted. */
    EXHAUSTED,
    /** The thread was interrupted; the models so far are kept. */
    INTERRUPTED,
    /**
     * The search stopped on an error: too many models failed in a row, or an exception that is not
     * a model's failure; the models so far are kept.
     */
    FAILED
  }

  public SearchResult {
    history = List.copyOf(history);
    qValues = List.copyOf(qValues);
    choiceProbabilities = Collections.unmodifiableSortedMap(new TreeMap<>(choiceProbabilities));
  }

  /** The unique models evaluated, in order. */
  public List<ModelRecord> models() {
    return history.stream().filter(r -> !r.reused()).toList();
  }

  /** The {@code k} best unique models by reward, failed ones last. */
  public List<ModelRecord> topModels(int k) {
    return models().stream()
        .sorted(Comparator.comparingDouble(ModelRecord::reward).reversed())
        .limit(k)
        .toList();
  }

  /** The best model, if any was evaluated. */
  public Optional<ModelRecord> best() {
    return topModels(1).stream().findFirst();
  }

  /** The mean reward of the unique models sampled with exactly this epsilon. */
  public OptionalDouble meanReward(double epsilon) {
    return models().stream()
        .filter(r -> r.epsilon() == epsilon)
        .mapToDouble(ModelRecord::reward)
        .average();
  }
}
