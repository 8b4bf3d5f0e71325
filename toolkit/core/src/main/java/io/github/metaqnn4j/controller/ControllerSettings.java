package io.github.metaqnn4j.controller;

/**
 * Settings of a {@link Controller}: the LSTM's size, Adam's learning rate, how many architectures
 * one update averages over, the entropy bonus, the decay of the reward's moving average (the
 * baseline) and the largest gradient norm (larger gradients are scaled down to it).
 *
 * <pre>{@code
 * ControllerSettings.defaults().batch(8).entropyWeight(0.05);
 * }</pre>
 *
 * @param hidden LSTM units
 * @param embedding size of the embedding of the previous pick
 * @param learningRate Adam's step size
 * @param batch architectures per update
 * @param entropyWeight weight of the policy's entropy in the objective (0: none)
 * @param baselineDecay b = decay * b + (1 - decay) * mean reward of a batch
 * @param clipNorm the largest gradient norm used; larger ones are scaled down to it
 * @param controllers independent controllers whose samples a search pools ({@link ControllerPool});
 *     a single {@link Controller} ignores it
 */
public record ControllerSettings(
    int hidden,
    int embedding,
    double learningRate,
    int batch,
    double entropyWeight,
    double baselineDecay,
    double clipNorm,
    int controllers) {
  public ControllerSettings {
    require(hidden >= 1 && embedding >= 1, "hidden and embedding must be at least 1");
    require(learningRate > 0, "learningRate must be positive, got " + learningRate);
    require(batch >= 1, "batch must be at least 1, got " + batch);
    require(entropyWeight >= 0, "entropyWeight must not be negative, got " + entropyWeight);
    require(
        baselineDecay >= 0 && baselineDecay < 1,
        "baselineDecay must be in [0, 1), got " + baselineDecay);
    require(clipNorm > 0, "clipNorm must be positive, got " + clipNorm);
    require(controllers >= 1, "controllers must be at least 1, got " + controllers);
  }

  /**
   * 32 LSTM units, embeddings of 16, Adam 0.01, batches of 4, entropy 0.01, decay 0.9, clip 5, one
   * controller.
   */
  public static ControllerSettings defaults() {
    return new ControllerSettings(32, 16, 0.01, 4, 0.01, 0.9, 5.0, 1);
  }

  public ControllerSettings batch(int batch) {
    return new ControllerSettings(
        hidden,
        embedding,
        learningRate,
        batch,
        entropyWeight,
        baselineDecay,
        clipNorm,
        controllers);
  }

  public ControllerSettings entropyWeight(double weight) {
    return new ControllerSettings(
        hidden, embedding, learningRate, batch, weight, baselineDecay, clipNorm, controllers);
  }

  public ControllerSettings learningRate(double rate) {
    return new ControllerSettings(
        hidden, embedding, rate, batch, entropyWeight, baselineDecay, clipNorm, controllers);
  }

  /** Pools the samples of this many independent controllers (seeds seed, seed + 1, ...). */
  public ControllerSettings controllers(int count) {
    return new ControllerSettings(
        hidden, embedding, learningRate, batch, entropyWeight, baselineDecay, clipNorm, count);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("ControllerSettings: " + message);
    }
  }
}
