package io.github.metaqnn4j.train;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * How each sampled network is trained. The defaults are the paper's: Adam (learning rate 1e-3,
 * beta1 0.9, beta2 0.999, epsilon 1e-8), batch 128, 20 epochs, learning rate x0.2 every 5 epochs,
 * dropout after every two layers, Xavier initialisation; and if after the first epoch the model is
 * no better than chance (at most {@code 1/classes + chanceMargin}), training restarts with the
 * learning rate x0.4, at most 5 times.
 *
 * <pre>{@code
 * TrainingScheme.paper().epochs(3).batchSize(64);
 * }</pre>
 *
 * @param learningRate Adam's initial learning rate
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param adamEpsilon Adam's epsilon
 * @param batchSize images per update
 * @param epochs passes over the training images
 * @param decayFactor factor applied to the learning rate every {@code decayEvery} epochs
 * @param decayEvery epochs between learning-rate decays
 * @param restartFactor factor applied to the learning rate at each restart
 * @param maxRestarts most restarts when the first epoch is no better than chance
 * @param chanceMargin accuracy above chance the first epoch must exceed to avoid a restart
 * @param dropout whether to insert the paper's dropout
 */
public record TrainingScheme(
    double learningRate,
    double beta1,
    double beta2,
    double adamEpsilon,
    int batchSize,
    int epochs,
    double decayFactor,
    int decayEvery,
    double restartFactor,
    int maxRestarts,
    double chanceMargin,
    boolean dropout) {

  public TrainingScheme {
    require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be positive");
    require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "betas must be in [0, 1)");
    require(adamEpsilon > 0, "adamEpsilon must be positive");
    require(batchSize >= 1, "batchSize must be at least 1");
    require(epochs >= 1, "epochs must be at least 1");
    require(decayFactor > 0 && decayFactor <= 1, "decayFactor must be in (0, 1]");
    require(decayEvery >= 1, "decayEvery must be at least 1");
    require(restartFactor > 0 && restartFactor <= 1, "restartFactor must be in (0, 1]");
    require(maxRestarts >= 0, "maxRestarts must not be negative");
    require(chanceMargin >= 0 && chanceMargin < 1, "chanceMargin must be in [0, 1)");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("TrainingScheme: " + message);
    }
  }

  /** The paper's scheme. */
  public static TrainingScheme paper() {
    return new TrainingScheme(1e-3, 0.9, 0.999, 1e-8, 128, 20, 0.2, 5, 0.4, 5, 0.01, true);
  }

  /** A one-line description, e.g. for provenance: every setting, briefly. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Adam lr %s (betas %s, %s; eps %s), batch %d, %d epochs, lr x%s every %d epochs,"
            + " restart with lr x%s (at most %d) when epoch 1 <= chance + %s, dropout %s",
        learningRate,
        beta1,
        beta2,
        adamEpsilon,
        batchSize,
        epochs,
        decayFactor,
        decayEvery,
        restartFactor,
        maxRestarts,
        chanceMargin,
        dropout ? "on" : "off");
  }

  /** The learning rate of epoch {@code epoch} (from 1) after {@code restarts} restarts. */
  public double learningRateAt(int epoch, int restarts) {
    return learningRate
        * Math.pow(restartFactor, restarts)
        * Math.pow(decayFactor, (epoch - 1) / decayEvery);
  }

  /** Adam's initial learning rate. */
  public TrainingScheme learningRate(double v) {
    return with(s -> s.learningRate = v);
  }

  /** Images per update. */
  public TrainingScheme batchSize(int v) {
    return with(s -> s.batchSize = v);
  }

  /** Passes over the training images. */
  public TrainingScheme epochs(int v) {
    return with(s -> s.epochs = v);
  }

  /** The learning rate times {@code factor} every {@code every} epochs. */
  public TrainingScheme decay(double factor, int every) {
    return with(
        s -> {
          s.decayFactor = factor;
          s.decayEvery = every;
        });
  }

  /** Restarts with the learning rate times {@code factor}, at most {@code max} times. */
  public TrainingScheme restarts(double factor, int max) {
    return with(
        s -> {
          s.restartFactor = factor;
          s.maxRestarts = max;
        });
  }

  /** The accuracy above chance the first epoch must exceed to avoid a restart. */
  public TrainingScheme chanceMargin(double v) {
    return with(s -> s.chanceMargin = v);
  }

  /** Whether to insert the paper's dropout. */
  public TrainingScheme dropout(boolean v) {
    return with(s -> s.dropout = v);
  }

  /** This scheme with {@code change} applied to a mutable copy of its settings, checked again. */
  private TrainingScheme with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The settings of a scheme while one of them changes: the one place that lists them all. */
  private static final class Draft {
    double learningRate;
    double beta1;
    double beta2;
    double adamEpsilon;
    int batchSize;
    int epochs;
    double decayFactor;
    int decayEvery;
    double restartFactor;
    int maxRestarts;
    double chanceMargin;
    boolean dropout;

    Draft(TrainingScheme s) {
      learningRate = s.learningRate;
      beta1 = s.beta1;
      beta2 = s.beta2;
      adamEpsilon = s.adamEpsilon;
      batchSize = s.batchSize;
      epochs = s.epochs;
      decayFactor = s.decayFactor;
      decayEvery = s.decayEvery;
      restartFactor = s.restartFactor;
      maxRestarts = s.maxRestarts;
      chanceMargin = s.chanceMargin;
      dropout = s.dropout;
    }

    TrainingScheme build() {
      return new TrainingScheme(
          learningRate,
          beta1,
          beta2,
          adamEpsilon,
          batchSize,
          epochs,
          decayFactor,
          decayEvery,
          restartFactor,
          maxRestarts,
          chanceMargin,
          dropout);
    }
  }
}
