package io.github.metaqnn4j.store;

import java.util.List;

/**
 * One episode of a training controller (QAN) as stored: a training run of the network, the
 * exploration it was run with, what the agent received, and every step.
 *
 * <pre>{@code
 * store.episodes().get(0).steps().get(3).learningRate();
 * }</pre>
 *
 * @param episode the episode, from 0
 * @param epsilon the exploration rate of the episode
 * @param episodeReturn the sum of its rewards
 * @param finalAccuracy the validation accuracy after its last step
 * @param seconds its wall time
 * @param steps every step, in order
 */
public record StoredEpisode(
    int episode,
    double epsilon,
    double episodeReturn,
    double finalAccuracy,
    double seconds,
    List<Step> steps) {
  public StoredEpisode {
    steps = List.copyOf(steps);
  }

  /**
   * One step of an episode.
   *
   * @param step the step, from 0
   * @param action the action taken
   * @param learningRate the learning rate the step trained at
   * @param reward the reward received
   * @param trainingLoss the mean training loss of the step
   * @param validationLoss after the step
   * @param validationAccuracy after the step
   * @param epochs epochs trained after the step
   */
  public record Step(
      int step,
      int action,
      double learningRate,
      double reward,
      double trainingLoss,
      double validationLoss,
      double validationAccuracy,
      double epochs) {}
}
