package io.github.metaqnn4j.train;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * How each sampled network is trained. The defaults are the paper's: Adam (learning rate 1e-3,
 * beta1 0.9, beta2 0.999, epsilon 1e-8), batch 128, 20 epochs, learning rate x0.2 every 5 epochs,
 * dropout after every two layers, Xavier initialisation; and if the model is no better than chance
 * (at most {@code 1/classes + chanceMargin}) after its first epoch on CIFAR-10, training restarts
 * with the learning rate x0.4, at most 5 times.
 *
 * <p>The paper's first epoch is about 350 updates of 128 images (45,000 training images). The
 * restart check is made after that many updates, not after one epoch, so that on a subsample (2,000
 * images are 16 updates an epoch) a network is not judged before it could have learned: the check
 * comes at the end of the first epoch by which {@code restartCheckUpdates} updates were made, and
 * not at all when the training is shorter. On CIFAR-10's full training split this is epoch 1, the
 * paper's rule.
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
 * @param chanceMargin accuracy above chance the checked epoch must exceed to avoid a restart
 * @param restartCheckUpdates updates after which the restart check is made (at the end of that
 *     epoch)
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
    int restartCheckUpdates,
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
    require(restartCheckUpdates >= 1, "restartCheckUpdates must be at least 1");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("TrainingScheme: " + message);
    }
  }

  /** Updates in the paper's first epoch: 45,000 CIFAR-10 training images in batches of 128. */
  public static final int PAPER_FIRST_EPOCH_UPDATES = 352;

  /** The paper's scheme. */
  public static TrainingScheme paper() {
    return new TrainingScheme(
        1e-3, 0.9, 0.999, 1e-8, 128, 20, 0.2, 5, 0.4, 5, 0.01, PAPER_FIRST_EPOCH_UPDATES, true);
  }

  /** A one-line description, e.g. for provenance: every setting, briefly. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Adam lr %s (betas %s, %s; eps %s), batch %d, %d epochs, lr x%s every %d epochs,"
            + " restart with lr x%s (at most %d) when <= chance + %s after %d updates, dropout %s",
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
        restartCheckUpdates,
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

  /** The accuracy above chance the checked epoch must exceed to avoid a restart. */
  public TrainingScheme chanceMargin(double v) {
    return with(s -> s.chanceMargin = v);
  }

  /** The updates after which a model no better than chance restarts (at the end of that epoch). */
  public TrainingScheme restartCheckUpdates(int v) {
    return with(s -> s.restartCheckUpdates = v);
  }

  /**
   * The epoch (from 1) at whose end the restart check is made when an epoch has {@code
   * updatesPerEpoch} updates, or 0 when the training ends before {@link #restartCheckUpdates}
   * updates.
   */
  public int restartCheckEpoch(int updatesPerEpoch) {
    int epoch = (restartCheckUpdates + updatesPerEpoch - 1) / Math.max(1, updatesPerEpoch);
    return epoch <= epochs ? Math.max(1, epoch) : 0;
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
    int restartCheckUpdates;
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
      restartCheckUpdates = s.restartCheckUpdates;
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
          restartCheckUpdates,
          dropout);
    }
  }
}
