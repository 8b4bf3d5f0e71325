package io.github.metaqnn4j.search;

import io.github.metaqnn4j.space.Architecture;
import java.util.List;

/**
 * Decides after each epoch whether a model should stop training early, from its learning curve so
 * far and from the models the search has already learned from. The rules of package {@code predict}
 * implement it: the predicted final accuracy (Baker et al.), the median rule and successive
 * halving; {@link #NEVER} trains every model fully.
 *
 * <p>The search tells a rule of every model it learns from, in iteration order ({@link #learn}),
 * and hands each new evaluation a view of the rule {@link #frozen() frozen} at that moment, so that
 * decisions do not depend on which of several workers finishes first, and a resumed search decides
 * as the uninterrupted one did.
 *
 * <pre>{@code
 * StoppingRule belowHalf =
 *     (arch, curve) -> curve.size() >= 2 && curve.get(1) < 0.5
 *         ? StoppingRule.Decision.stop("below half after 2 epochs")
 *         : StoppingRule.Decision.GO;
 * }</pre>
 */
@FunctionalInterface
public interface StoppingRule {
  /** Never stops a model. */
  StoppingRule NEVER = (architecture, curve) -> Decision.GO;

  /** Whether to stop {@code architecture} after the epochs whose accuracies are {@code curve}. */
  Decision decide(Architecture architecture, List<Double> curve);

  /** Learns from a model whose evaluation ended (completed, stopped or failed). */
  default void learn(Architecture architecture, Evaluation evaluation) {}

  /** This rule as it stands now, unchanged by what it learns later. */
  default StoppingRule frozen() {
    return this;
  }

  /**
   * A decision after one epoch.
   *
   * @param stop whether to stop the model now
   * @param predicted the predicted final accuracy (NaN for rules that do not predict); the reward
   *     of a stopped model when it is a number
   * @param sigma the prediction's standard deviation (NaN where none)
   * @param probability the probability that the model will not beat the target (NaN where none)
   * @param why the rule's reason, for displays and the store
   */
  record Decision(boolean stop, double predicted, double sigma, double probability, String why) {
    /** Go on training. */
    public static final Decision GO = new Decision(false, Double.NaN, Double.NaN, Double.NaN, "");

    /** Stop, for a reason, without a prediction. */
    public static Decision stop(String why) {
      return new Decision(true, Double.NaN, Double.NaN, Double.NaN, why);
    }
  }
}
