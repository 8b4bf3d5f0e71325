package io.github.metaqnn4j.predict;

/**
 * The early-stopping policies, to give a search: {@code
 * Search.qLearning(space).earlyStopping(EarlyStopping.predicted().delta(0.99).burnIn(20))}.
 *
 * <ul>
 *   <li>{@link #predicted()}: Baker et al.'s rule. After a burn-in of fully trained models, a model
 *       stops after epoch t when P(y_T < y_best) > Delta, y_T predicted from its first t epochs;
 *       its reward is the prediction.
 *   <li>{@link #median()}: the median rule (Optuna's MedianPruner, Google Vizier): stop when the
 *       best accuracy so far is below the median of earlier models' at the same epoch.
 *   <li>{@link #successiveHalving()}: asynchronous successive halving (ASHA, Hyperband): at rung
 *       epochs r, r eta, r eta^2, ..., only the top 1/eta of the models that reached the rung go
 *       on.
 * </ul>
 *
 * <pre>{@code
 * EarlyStopping.predicted().delta(0.99).burnIn(20);
 * EarlyStopping.median().warmUp(10);
 * EarlyStopping.successiveHalving().eta(3);
 * }</pre>
 */
public final class EarlyStopping {
  private EarlyStopping() {}

  /** The paper's rule: nu-SVR prediction, Delta 0.99, burn-in of 100 fully trained models. */
  public static PredictedStopping predicted() {
    return PredictedStopping.DEFAULT;
  }

  /** The median rule: 5 models of warm-up, decisions from epoch 1. */
  public static MedianStopping median() {
    return MedianStopping.DEFAULT;
  }

  /** Successive halving: rungs from epoch 1, eta 3. */
  public static SuccessiveHalving successiveHalving() {
    return SuccessiveHalving.DEFAULT;
  }
}
