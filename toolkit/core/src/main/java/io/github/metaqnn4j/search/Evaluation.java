package io.github.metaqnn4j.search;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of evaluating one architecture: its learning curve (validation accuracy after every
 * epoch), whether training completed, was stopped early or failed, and why it failed.
 *
 * <pre>{@code
 * Evaluation.completed(List.of(0.41, 0.58, 0.63), 12.5).best();   // 0.63
 * Evaluation.failed("loss became NaN in epoch 2", 3.1);
 * }</pre>
 *
 * @param curve validation accuracy after each epoch, in order
 * @param status how the evaluation ended
 * @param reason why it failed, or empty
 * @param seconds wall time of the evaluation
 * @param metrics further figures of the model, e.g. "parameters", "flops", "restarts"
 */
public record Evaluation(
    List<Double> curve, Status status, String reason, double seconds, Map<String, Double> metrics) {

  /** Metric: the epoch after which a stopping rule stopped the model. */
  public static final String STOP_EPOCH = "stopEpoch";

  /** Metric: the final accuracy a stopping rule predicted (the reward of a stopped model). */
  public static final String PREDICTED_FINAL = "predictedFinal";

  /** Metric: the standard deviation of that prediction. */
  public static final String PREDICTION_SIGMA = "predictionSigma";

  /** Metric: the probability the rule gave that the model would not beat its target. */
  public static final String STOP_PROBABILITY = "stopProbability";

  /** How an evaluation ended. */
  public enum Status {
    /** Trained for the whole schedule. */
    COMPLETED,
    /** Stopped after some epochs because a stopping rule predicted a poor result. */
    STOPPED_EARLY,
    /** Could not be trained (build error, divergence, out of memory); see the reason. */
    FAILED
  }

  public Evaluation {
    curve = List.copyOf(curve);
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
    metrics = Map.copyOf(metrics);
    for (double y : curve) {
      if (!(y >= 0 && y <= 1)) {
        throw new IllegalArgumentException("curve values are accuracies in [0, 1], got " + curve);
      }
    }
    if (status != Status.FAILED && curve.isEmpty()) {
      throw new IllegalArgumentException("a " + status + " evaluation needs at least one epoch");
    }
  }

  /** A model trained for its whole schedule. */
  public static Evaluation completed(List<Double> curve, double seconds) {
    return new Evaluation(curve, Status.COMPLETED, "", seconds, Map.of());
  }

  /** A model stopped early after the epochs in {@code curve}. */
  public static Evaluation stoppedEarly(List<Double> curve, double seconds) {
    return new Evaluation(curve, Status.STOPPED_EARLY, "", seconds, Map.of());
  }

  /** A model that could not be trained, and why. */
  public static Evaluation failed(String reason, double seconds) {
    return new Evaluation(List.of(), Status.FAILED, reason, seconds, Map.of());
  }

  /**
   * A model that could not be trained because of {@code e}. Out of memory is recognised by its type
   * ({@link OutOfMemoryError}, also as the cause of another exception), never by its message.
   */
  public static Evaluation failedBy(Throwable e, double seconds) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return failed("out of memory: " + describe(e), seconds);
      }
    }
    return failed(describe(e), seconds);
  }

  /**
   * An exception as a failure reason: its type and message, e.g. {@code IllegalStateException: x}.
   */
  public static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** This evaluation with further metrics. */
  public Evaluation withMetrics(Map<String, Double> more) {
    Map<String, Double> all = new java.util.TreeMap<>(metrics);
    all.putAll(more);
    return new Evaluation(curve, status, reason, seconds, all);
  }

  /** The best validation accuracy, or 0 when there is no curve. */
  public double best() {
    return curve.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** The last validation accuracy, or 0 when there is no curve. */
  public double last() {
    return curve.isEmpty() ? 0 : curve.get(curve.size() - 1);
  }

  public boolean failed() {
    return status == Status.FAILED;
  }
}
