package io.github.metaqnn4j.store;

import java.util.List;
import java.util.Map;

/**
 * One iteration of a search as stored: the architecture in the paper's notation, how it was
 * sampled, and its evaluation (status, reason, learning curve, metrics).
 *
 * <pre>{@code
 * store.models().get(0).curve();
 * }</pre>
 *
 * @param iteration the iteration, from 0
 * @param model the index among unique models, or -1 for a re-sampled architecture
 * @param architecture the architecture in the paper's notation
 * @param epsilon the exploration rate it was sampled with
 * @param reward the reward the agent received
 * @param reused whether it reused an earlier evaluation
 * @param status COMPLETED, STOPPED_EARLY or FAILED
 * @param reason why it failed, or empty
 * @param seconds wall time of its evaluation
 * @param curve validation accuracy after each epoch
 * @param metrics further figures (parameters, flops, restarts, ...)
 */
public record StoredModel(
    int iteration,
    int model,
    String architecture,
    double epsilon,
    double reward,
    boolean reused,
    String status,
    String reason,
    double seconds,
    List<Double> curve,
    Map<String, Double> metrics) {
  public StoredModel {
    curve = List.copyOf(curve);
    metrics = Map.copyOf(metrics);
  }
}
