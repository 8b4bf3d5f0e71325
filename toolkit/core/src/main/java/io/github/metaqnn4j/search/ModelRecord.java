package io.github.metaqnn4j.search;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.StoredModel;

/**
 * One iteration of a search: the architecture sampled, the epsilon it was sampled with, and either
 * its new evaluation or the reward reused from an earlier one.
 *
 * <pre>{@code
 * result.history().get(0).reward();
 * }</pre>
 *
 * @param iteration the iteration, from 0 (re-samples count)
 * @param model the index of this model among the unique models evaluated, or -1 when reused
 * @param architecture the architecture sampled
 * @param epsilon the exploration rate it was sampled with
 * @param evaluation its evaluation (for a reused architecture: the first evaluation)
 * @param reward the reward given to the agent
 * @param reused whether the architecture had been evaluated before and was not trained again
 */
public record ModelRecord(
    int iteration,
    int model,
    Architecture architecture,
    double epsilon,
    Evaluation evaluation,
    double reward,
    boolean reused) {

  /** This iteration as a store keeps it. */
  public StoredModel stored() {
    Evaluation e = evaluation;
    return new StoredModel(
        iteration,
        model,
        architecture.toString(),
        epsilon,
        reward,
        reused,
        e.status().name(),
        e.reason(),
        e.seconds(),
        e.curve(),
        e.metrics());
  }

  /**
   * What a stopping rule did to this model, for displays: "iteration 12 stopped after epoch 3:
   * predicted 0.612 +- 0.020, P(< 0.745) = 0.997 [C(8,3,1), SM(10)]"; empty when it trained fully.
   */
  public java.util.Optional<String> stopNote() {
    if (reused || evaluation.status() != Evaluation.Status.STOPPED_EARLY) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "iteration "
            + iteration
            + " stopped after epoch "
            + evaluation.curve().size()
            + (evaluation.reason().isEmpty() ? "" : ": " + evaluation.reason())
            + " "
            + architecture);
  }
}
