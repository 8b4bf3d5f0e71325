package io.github.metaqnn4j.train.qan;

import io.github.metaqnn4j.analysis.EpisodeAnalysis;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.StoredEpisode;
import io.github.metaqnn4j.train.TrainingRun;
import io.github.metaqnn4j.train.TrainingScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * What a QAN run produced: its episodes and the learned Q-network, which can train networks
 * greedily, as a controller of the learning rate, and be compared with fixed schedules.
 *
 * <pre>{@code
 * qan.episodes();                        // every episode, with its steps
 * qan.learningRateChart();               // the rate chosen over time, per episode
 * qan.returnChart();                     // episode return and final accuracy against episode
 * qan.greedyRun(data, 99);               // a fresh network trained by the learned controller
 * Search.qLearning(space).evaluator(qan.evaluator(data));   // the controller in a search
 * }</pre>
 */
public final class QanResult {
  private final List<StoredEpisode> episodes;
  private final Dqn policy;
  private final Architecture architecture;
  private final TrainingScheme scheme;
  private final QanSettings settings;
  private final String status;

  QanResult(
      List<StoredEpisode> episodes,
      Dqn policy,
      Architecture architecture,
      TrainingScheme scheme,
      QanSettings settings,
      String status) {
    this.episodes = List.copyOf(episodes);
    this.policy = policy;
    this.architecture = architecture;
    this.scheme = scheme;
    this.settings = settings;
    this.status = status;
  }

  public List<StoredEpisode> episodes() {
    return episodes;
  }

  /** "completed", or "interrupted" when an interrupt ended the run before its last episode. */
  public String status() {
    return status;
  }

  public QanSettings settings() {
    return settings;
  }

  /** The Q values the learned network gives the actions in an observation. */
  public double[] qValues(double[] observation) {
    return policy.q(observation);
  }

  /** Tables and figures of the episodes. */
  public EpisodeAnalysis analysis() {
    return EpisodeAnalysis.of(episodes);
  }

  /** The learning rate chosen over time, one line per episode. */
  public XYChart learningRateChart() {
    return analysis().learningRateChart();
  }

  /** Episode return and final validation accuracy against episode. */
  public XYChart returnChart() {
    return analysis().returnChart();
  }

  /**
   * A fresh network of the run's architecture (seed {@code seed}) trained for the run's epochs by
   * the learned controller, greedily: its steps.
   */
  public List<StoredEpisode.Step> greedyRun(Splits data, long seed) {
    try (TrainingEnvironment env = new TrainingEnvironment(architecture, data, scheme, settings)) {
      double[] s = env.reset(seed, null);
      List<StoredEpisode.Step> out = new ArrayList<>();
      for (int t = 0; t < env.steps(); t++) {
        int a = policy.greedy(s);
        TrainingEnvironment.Step step = env.step(a);
        out.add(step.stored(t, a));
        s = step.observation();
        if (step.done()) {
          break;
        }
      }
      return out;
    }
  }

  /**
   * An evaluator that trains each architecture of a MetaQNN search with this controller setting the
   * learning rate, in place of the fixed schedule: {@code Search.qLearning(space)
   * .evaluator(qan.evaluator(data))}.
   */
  public Evaluator evaluator(Splits data) {
    return new QanEvaluator(policy, data, scheme, settings);
  }

  /**
   * The same network and steps trained on a fixed schedule instead: {@code rateAtEpoch} gives the
   * learning rate from the epochs done so far (for example {@code e -> 1e-3}, or the paper's
   * decay). Actions are recorded as -1.
   */
  public List<StoredEpisode.Step> fixedRun(
      Splits data, long seed, DoubleUnaryOperator rateAtEpoch) {
    try (TrainingRun run = TrainingRun.start(architecture, data, scheme, seed)) {
      return fixedRun(run, rateAtEpoch);
    }
  }

  private List<StoredEpisode.Step> fixedRun(TrainingRun run, DoubleUnaryOperator rateAtEpoch) {
    int steps = settings.steps(run.batchesPerEpoch());
    List<StoredEpisode.Step> out = new ArrayList<>();
    double before = run.validate().loss();
    for (int t = 0; t < steps; t++) {
      double rate = rateAtEpoch.applyAsDouble(run.epochs());
      double loss = run.train(settings.stepBatches(), rate);
      TrainingRun.Validation v =
          Double.isFinite(loss) ? run.validate() : new TrainingRun.Validation(Double.NaN, 0);
      out.add(
          new StoredEpisode.Step(
              t, -1, rate, before - v.loss(), loss, v.loss(), v.accuracy(), run.epochs()));
      before = v.loss();
      if (!Double.isFinite(loss)) {
        break;
      }
    }
    return out;
  }
}
