package io.github.metaqnn4j.train.qan;

import java.util.List;
import java.util.Locale;

/**
 * Settings of a QAN run (Fu et al. 2016): the environment (mini-batches per step, epochs per
 * episode, the learning rate's start, bounds and multipliers, the terminal reward's weight, the
 * meta-momentum weight) and the DQN (hidden units, Adam's rate, discount, replay, batch, target
 * network sync, epsilon schedule over episodes).
 *
 * <pre>{@code
 * QanSettings.defaults().epochs(2).metaMomentum(0.1);
 * }</pre>
 *
 * @param stepBatches mini-batches the network trains between two decisions
 * @param epochs epochs of one episode
 * @param initialRate the learning rate each episode starts at
 * @param minRate the smallest learning rate an action may set
 * @param maxRate the largest learning rate an action may set
 * @param multipliers the actions: factors applied to the learning rate
 * @param terminalWeight weight of the final validation accuracy in the last step's reward
 * @param metaMomentum weight of the pull toward the previous episode's weights at the same step (0:
 *     off)
 * @param hidden units of each of the DQN's two hidden layers
 * @param dqnRate Adam's rate for the DQN
 * @param gamma discount
 * @param replay capacity of the replay memory, in transitions
 * @param dqnBatch transitions per DQN update
 * @param targetSync DQN updates between copies to the target network
 * @param epsilonStart exploration of the first episode
 * @param epsilonEnd exploration once the decay is over
 * @param epsilonEpisodes episodes over which epsilon decays linearly
 * @param sameStart whether every episode starts from the same initial weights (the run's seed)
 *     rather than fresh ones (seed + episode): meta-momentum pulls toward comparable weights then
 * @param actions what the agent sets: the learning rate (multipliers), or the class half of the
 *     next mini-batches is drawn from (one action per class, and one for none) at the initial rate
 */
public record QanSettings(
    int stepBatches,
    int epochs,
    double initialRate,
    double minRate,
    double maxRate,
    List<Double> multipliers,
    double terminalWeight,
    double metaMomentum,
    int hidden,
    double dqnRate,
    double gamma,
    int replay,
    int dqnBatch,
    int targetSync,
    double epsilonStart,
    double epsilonEnd,
    int epsilonEpisodes,
    boolean sameStart,
    Actions actions) {

  /** What the agent's actions set. */
  public enum Actions {
    /** The learning rate, multiplied by one of the multipliers every step. */
    LEARNING_RATE,
    /** Which class half of each of the next mini-batches is drawn from, or none. */
    MINI_BATCH
  }

  public QanSettings {
    multipliers = List.copyOf(multipliers);
    require(stepBatches >= 1, "stepBatches must be at least 1, got " + stepBatches);
    require(epochs >= 1, "epochs must be at least 1, got " + epochs);
    require(
        minRate > 0 && minRate <= initialRate && initialRate <= maxRate,
        "need 0 < minRate <= initialRate <= maxRate, got "
            + minRate
            + ", "
            + initialRate
            + ", "
            + maxRate);
    require(
        multipliers.size() >= 2 && multipliers.stream().allMatch(m -> m > 0),
        "give at least two positive multipliers, got " + multipliers);
    require(terminalWeight >= 0, "terminalWeight must not be negative");
    require(metaMomentum >= 0 && metaMomentum < 1, "metaMomentum must be in [0, 1)");
    require(hidden >= 1 && dqnRate > 0, "hidden and dqnRate must be positive");
    require(gamma >= 0 && gamma <= 1, "gamma must be in [0, 1]");
    require(replay >= dqnBatch && dqnBatch >= 1, "need 1 <= dqnBatch <= replay");
    require(targetSync >= 1, "targetSync must be at least 1");
    require(
        epsilonStart >= epsilonEnd && epsilonEnd >= 0 && epsilonStart <= 1,
        "need 0 <= epsilonEnd <= epsilonStart <= 1");
    require(epsilonEpisodes >= 1, "epsilonEpisodes must be at least 1");
    require(actions != null, "actions must be given");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("QanSettings: " + message);
    }
  }

  /**
   * 10 mini-batches per step, 2 epochs per episode, learning rate from 1e-3 within [1e-5, 1e-1],
   * actions x0.5, x1, x2; terminal weight 1, no meta-momentum; DQN 2 x 32 units, Adam 1e-3, gamma
   * 0.9, 5,000 transitions, batches of 32, target sync every 50 updates, epsilon 1 to 0.05 over 10
   * episodes; a fresh initialisation per episode.
   */
  public static QanSettings defaults() {
    return new QanSettings(
        10,
        2,
        1e-3,
        1e-5,
        1e-1,
        List.of(0.5, 1.0, 2.0),
        1.0,
        0,
        32,
        1e-3,
        0.9,
        5_000,
        32,
        50,
        1.0,
        0.05,
        10,
        false,
        Actions.LEARNING_RATE);
  }

  public QanSettings epochs(int epochs) {
    return with(d -> d.epochs = epochs);
  }

  public QanSettings stepBatches(int batches) {
    return with(d -> d.stepBatches = batches);
  }

  public QanSettings initialRate(double rate) {
    return with(d -> d.initialRate = rate);
  }

  public QanSettings metaMomentum(double weight) {
    return with(d -> d.metaMomentum = weight);
  }

  /** Epsilon from {@code start} down to {@code end}, linearly over {@code episodes} episodes. */
  public QanSettings epsilon(double start, double end, int episodes) {
    return with(
        d -> {
          d.epsilonStart = start;
          d.epsilonEnd = end;
          d.epsilonEpisodes = episodes;
        });
  }

  /** Every episode starts from the same initial weights (the run's seed). */
  public QanSettings sameStartEachEpisode() {
    return with(d -> d.sameStart = true);
  }

  /** Actions on the mini-batches instead of the learning rate (which stays at the initial one). */
  public QanSettings miniBatchActions() {
    return with(d -> d.actions = Actions.MINI_BATCH);
  }

  /** These settings with {@code change} made to a copy of their values (checked again). */
  private QanSettings with(java.util.function.Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new QanSettings(
        d.stepBatches,
        d.epochs,
        d.initialRate,
        minRate,
        maxRate,
        multipliers,
        terminalWeight,
        d.metaMomentum,
        hidden,
        dqnRate,
        gamma,
        replay,
        dqnBatch,
        targetSync,
        d.epsilonStart,
        d.epsilonEnd,
        d.epsilonEpisodes,
        d.sameStart,
        d.actions);
  }

  /** The values a wither may change. */
  private static final class Draft {
    int stepBatches;
    int epochs;
    double initialRate;
    double metaMomentum;
    double epsilonStart;
    double epsilonEnd;
    int epsilonEpisodes;
    boolean sameStart;
    Actions actions;

    Draft(QanSettings s) {
      stepBatches = s.stepBatches;
      epochs = s.epochs;
      initialRate = s.initialRate;
      metaMomentum = s.metaMomentum;
      epsilonStart = s.epsilonStart;
      epsilonEnd = s.epsilonEnd;
      epsilonEpisodes = s.epsilonEpisodes;
      sameStart = s.sameStart;
      actions = s.actions;
    }
  }

  /** Epsilon in episode {@code episode} (from 0): linear from start to end, then end. */
  public double epsilonAt(int episode) {
    if (episode >= epsilonEpisodes) {
      return epsilonEnd;
    }
    return epsilonStart + (epsilonEnd - epsilonStart) * episode / epsilonEpisodes;
  }

  /** Steps in an episode of a network with {@code batchesPerEpoch} mini-batches per epoch. */
  int steps(int batchesPerEpoch) {
    return (epochs * batchesPerEpoch + stepBatches - 1) / stepBatches;
  }

  /** The learning rate after action {@code action} at {@code rate}, kept within the bounds. */
  public double apply(int action, double rate) {
    return Math.max(minRate, Math.min(maxRate, rate * multipliers.get(action)));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s actions, %d batches per step, %d epochs per episode, lr %s in [%s, %s] x%s,"
            + " meta-momentum %s%s;"
            + " DQN %d units, Adam %s, gamma %s, replay %d, batch %d, sync %d, epsilon %s to %s"
            + " over %d episodes",
        actions,
        stepBatches,
        epochs,
        initialRate,
        minRate,
        maxRate,
        multipliers,
        metaMomentum,
        sameStart ? ", the same start every episode" : "",
        hidden,
        dqnRate,
        gamma,
        replay,
        dqnBatch,
        targetSync,
        epsilonStart,
        epsilonEnd,
        epsilonEpisodes);
  }
}
