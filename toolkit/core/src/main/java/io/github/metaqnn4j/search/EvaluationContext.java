package io.github.metaqnn4j.search;

import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What an {@link Evaluator} is told about the model it evaluates, and the channel through which it
 * reports each epoch. {@link #epochDone} returns whether training should go on.
 *
 * <pre>{@code
 * // inside an Evaluator:
 * for (int e = 1; e <= epochs; e++) {
 *   double acc = trainOneEpoch();
 *   if (!context.epochDone(new Epoch(e, acc, loss, seconds))) break;   // stopped early
 * }
 * }</pre>
 */
public final class EvaluationContext {
  private final Architecture architecture;
  private final int iteration;
  private final long seed;
  private final int worker;
  private final StoppingRule stoppingRule;
  private final Consumer<Epoch> observer;
  private final List<Double> curve = new ArrayList<>();
  private StoppingRule.Decision stop;

  /**
   * A context for one evaluation.
   *
   * @param architecture the model being evaluated
   * @param iteration the search iteration it was sampled in
   * @param seed the seed its training must use (weights, shuffling)
   * @param worker the worker evaluating it, from 0 (the device to use, with several GPUs)
   * @param stoppingRule asked after every epoch whether to stop
   * @param observer told of every epoch (progress displays, stores)
   */
  public EvaluationContext(
      Architecture architecture,
      int iteration,
      long seed,
      int worker,
      StoppingRule stoppingRule,
      Consumer<Epoch> observer) {
    this.architecture = architecture;
    this.iteration = iteration;
    this.seed = seed;
    this.worker = worker;
    this.stoppingRule = stoppingRule;
    this.observer = observer;
  }

  /** A context with no stopping rule and no observer, for using an evaluator on its own. */
  public static EvaluationContext standalone(Architecture architecture, long seed) {
    return new EvaluationContext(architecture, 0, seed, 0, StoppingRule.NEVER, e -> {});
  }

  public Architecture architecture() {
    return architecture;
  }

  public int iteration() {
    return iteration;
  }

  public long seed() {
    return seed;
  }

  /** The worker evaluating this model, from 0: with several GPUs, the device to bind to. */
  public int worker() {
    return worker;
  }

  /**
   * Reports a finished epoch; returns true to go on training, false when the stopping rule asks to
   * stop.
   */
  public boolean epochDone(Epoch epoch) {
    curve.add(epoch.validationAccuracy());
    observer.accept(epoch);
    StoppingRule.Decision d =
        stoppingRule.decide(architecture, Collections.unmodifiableList(curve));
    if (d.stop()) {
      stop = d;
    }
    return !d.stop();
  }

  /** Whether the stopping rule asked to stop after the last reported epoch. */
  public boolean stopped() {
    return stop != null;
  }

  /**
   * What the stopping rule said when it stopped the model, as metrics: the epoch, and where the
   * rule predicts, the predicted final accuracy, its sigma and the probability; empty when the
   * model was not stopped.
   */
  public Map<String, Double> stopMetrics() {
    Map<String, Double> m = new TreeMap<>();
    if (stop != null) {
      m.put(Evaluation.STOP_EPOCH, (double) curve.size());
      putIfNumber(m, Evaluation.PREDICTED_FINAL, stop.predicted());
      putIfNumber(m, Evaluation.PREDICTION_SIGMA, stop.sigma());
      putIfNumber(m, Evaluation.STOP_PROBABILITY, stop.probability());
    }
    return m;
  }

  private static void putIfNumber(Map<String, Double> m, String key, double v) {
    if (Double.isFinite(v)) {
      m.put(key, v);
    }
  }

  /** Why the stopping rule stopped the model, or empty. */
  public String stopReason() {
    return stop == null ? "" : stop.why();
  }

  /** The validation accuracies reported so far. */
  public List<Double> curve() {
    return List.copyOf(curve);
  }
}
