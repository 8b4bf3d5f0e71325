package io.github.metaqnn4j.train.qan;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.StoredEpisode;
import io.github.metaqnn4j.train.TrainingRun;
import io.github.metaqnn4j.train.TrainingScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * QAN's environment: one training run of an architecture by Deeplearning4j, a step being {@code
 * stepBatches} mini-batches at the learning rate the agent's action sets (or, with mini-batch
 * actions, drawn half from the class the action names). The observation is {@link #FEATURES}
 * numbers (loss and accuracy, their trend, the learning rate, progress, gradient and weight norms:
 * the same length for any architecture, so that a learned controller can train others); the reward
 * is the fall of the validation loss over the step, plus the final validation accuracy times {@code
 * terminalWeight} at the last step.
 *
 * <pre>{@code
 * var env = new TrainingEnvironment(arch, data, TrainingScheme.paper().dropout(false),
 *     QanSettings.defaults());
 * double[] s = env.reset(1, null);
 * var step = env.step(1);         // keep the learning rate (x1) for 10 mini-batches
 * }</pre>
 */
public final class TrainingEnvironment implements AutoCloseable {
  /** The observation's length. */
  public static final int FEATURES = 10;

  /** The observation's entries, in order. */
  public static final List<String> FEATURE_NAMES =
      List.of(
          "training loss",
          "training loss change",
          "validation loss",
          "validation loss change",
          "validation accuracy",
          "log10 learning rate",
          "progress",
          "log10 gradient norm",
          "mean log10 layer weight norm",
          "max log10 layer weight norm");

  private final Architecture architecture;
  private final Splits data;
  private final TrainingScheme scheme;
  private final QanSettings settings;
  private TrainingRun run;
  private double rate;
  private int step;
  private int steps;
  private double trainLoss;
  private TrainingRun.Validation last;
  private List<INDArray> previous;
  private final List<INDArray> trajectory = new ArrayList<>();

  /**
   * One step's outcome.
   *
   * @param observation the features after it
   * @param reward validation loss before minus after, plus the terminal reward at the end
   * @param done whether the episode has ended (its last step, or the network diverged)
   * @param learningRate the rate the step trained at
   * @param trainingLoss the step's mean training loss
   * @param validationLoss after the step
   * @param validationAccuracy after the step
   * @param epochs epochs trained after the step
   */
  public record Step(
      double[] observation,
      double reward,
      boolean done,
      double learningRate,
      double trainingLoss,
      double validationLoss,
      double validationAccuracy,
      double epochs) {
    /** This step as the store keeps it: step {@code t}, the action that led to it. */
    public StoredEpisode.Step stored(int t, int action) {
      return new StoredEpisode.Step(
          t,
          action,
          learningRate,
          reward,
          trainingLoss,
          validationLoss,
          validationAccuracy,
          epochs);
    }
  }

  public TrainingEnvironment(
      Architecture architecture, Splits data, TrainingScheme scheme, QanSettings settings) {
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    this.data = Objects.requireNonNull(data, "data");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Starts an episode: a fresh network from {@code seed}, the initial learning rate.
   *
   * @param previousTrajectory the previous episode's parameters after each step, which
   *     meta-momentum pulls toward; null for none
   * @return the first observation
   */
  public double[] reset(long seed, List<INDArray> previousTrajectory) {
    close();
    run = TrainingRun.start(architecture, data, scheme, seed);
    rate = settings.initialRate();
    step = 0;
    steps = settings.steps(run.batchesPerEpoch());
    previous = settings.metaMomentum() > 0 ? previousTrajectory : null;
    trajectory.clear();
    last = run.validate();
    trainLoss = last.loss();
    return features(trainLoss, 0, last, 0);
  }

  /**
   * The number of actions: the multipliers, or with mini-batch actions one per class and one for
   * none.
   */
  public int actionCount() {
    return settings.actions() == QanSettings.Actions.MINI_BATCH
        ? data.classes() + 1
        : settings.multipliers().size();
  }

  /** Frees the current network's native memory; {@link #reset} starts a new one. */
  @Override
  public void close() {
    if (run != null) {
      run.close();
      run = null;
    }
  }

  /** Steps in one episode. */
  public int steps() {
    return steps;
  }

  /** The learning rate now. */
  public double learningRate() {
    return rate;
  }

  /** The parameters after each step of the episode so far (kept only with meta-momentum). */
  public List<INDArray> trajectory() {
    return List.copyOf(trajectory);
  }

  /**
   * Applies {@code action} (its multiplier) to the learning rate and trains one step.
   *
   * @throws IllegalStateException before {@link #reset} or after the episode ended
   */
  public Step step(int action) {
    if (run == null || step >= steps) {
      throw new IllegalStateException("reset the environment first: the episode has ended");
    }
    if (action < 0 || action >= actionCount()) {
      throw new IllegalArgumentException(
          "action " + action + " is not in 0.." + (actionCount() - 1));
    }
    double loss;
    if (settings.actions() == QanSettings.Actions.MINI_BATCH) {
      loss = run.train(settings.stepBatches(), rate, action < data.classes() ? action : -1);
    } else {
      rate = settings.apply(action, rate);
      loss = run.train(settings.stepBatches(), rate);
    }
    step++;
    if (!Double.isFinite(loss)) {
      step = steps; // diverged: the episode ends with the worst reward it can give
      return new Step(
          features(10, 10, new TrainingRun.Validation(10, 0), 1),
          -10,
          true,
          rate,
          loss,
          Double.NaN,
          0,
          run.epochs());
    }
    if (settings.metaMomentum() > 0) {
      if (previous != null && step - 1 < previous.size()) {
        run.pullToward(previous.get(step - 1), settings.metaMomentum());
      }
      trajectory.add(run.parameters());
    }
    TrainingRun.Validation v = run.validate();
    double reward = last.loss() - v.loss();
    boolean done = step >= steps;
    if (done) {
      reward += settings.terminalWeight() * v.accuracy();
    }
    double[] s = features(loss, loss - trainLoss, v, v.loss() - last.loss());
    trainLoss = loss;
    last = v;
    return new Step(s, reward, done, rate, loss, v.loss(), v.accuracy(), run.epochs());
  }

  private double[] features(
      double loss, double lossChange, TrainingRun.Validation v, double validationChange) {
    double[] norms = run.layerWeightNorms();
    double mean = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double n : norms) {
      double l = Math.log10(Math.max(n, 1e-12));
      mean += l / norms.length;
      max = Math.max(max, l);
    }
    return new double[] {
      loss,
      lossChange,
      v.loss(),
      validationChange,
      v.accuracy(),
      Math.log10(rate),
      (double) step / steps,
      Math.log10(Math.max(run.gradientNorm(), 1e-12)),
      mean,
      norms.length == 0 ? 0 : max
    };
  }
}
