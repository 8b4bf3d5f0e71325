package io.github.metaqnn4j.agent;

/**
 * Hyperparameters of the Q-learning agent. The paper's: Q initialised to 0.5, learning rate alpha
 * 0.01, discount gamma 1, and 100 trajectories replayed after every model.
 *
 * <pre>{@code
 * QLearningSettings.paper().replaySamples(50).alpha(0.05);
 * }</pre>
 *
 * @param alpha the Q learning rate, in (0, 1]
 * @param gamma the discount factor, in [0, 1]
 * @param initialQ the value every Q entry starts with
 * @param replaySamples the trajectories sampled from replay memory after every model
 */
public record QLearningSettings(double alpha, double gamma, double initialQ, int replaySamples) {
  public QLearningSettings {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException(
          "QLearningSettings: alpha must be in (0, 1], got " + alpha);
    }
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException(
          "QLearningSettings: gamma must be in [0, 1], got " + gamma);
    }
    if (!Double.isFinite(initialQ)) {
      throw new IllegalArgumentException(
          "QLearningSettings: initialQ must be finite, got " + initialQ);
    }
    if (replaySamples < 0) {
      throw new IllegalArgumentException(
          "QLearningSettings: replaySamples must not be negative, got " + replaySamples);
    }
  }

  /** The paper's values: alpha 0.01, gamma 1, Q0 0.5, 100 replays per model. */
  public static QLearningSettings paper() {
    return new QLearningSettings(0.01, 1.0, 0.5, 100);
  }

  public QLearningSettings alpha(double alpha) {
    return new QLearningSettings(alpha, gamma, initialQ, replaySamples);
  }

  public QLearningSettings gamma(double gamma) {
    return new QLearningSettings(alpha, gamma, initialQ, replaySamples);
  }

  public QLearningSettings initialQ(double initialQ) {
    return new QLearningSettings(alpha, gamma, initialQ, replaySamples);
  }

  public QLearningSettings replaySamples(int replaySamples) {
    return new QLearningSettings(alpha, gamma, initialQ, replaySamples);
  }
}
