package io.github.metaqnn4j.predict;

import io.github.metaqnn4j.space.Architecture;
import java.util.List;

/**
 * Predicts a model's final accuracy y_T from the first t epochs of its learning curve and its
 * architecture, with a standard deviation, after fitting on fully observed curves.
 *
 * <pre>{@code
 * var fitted = CurvePredictor.svr().fit(observations);          // curves of T epochs
 * fitted.predict(architecture, curve.subList(0, 3));             // N(mean, sigma^2) of y_T
 * }</pre>
 */
public interface CurvePredictor {
  /** A short name for tables: "nu-SVR", "OLS", "last value", "power law", "exponential". */
  String name();

  /**
   * Fits on {@code curves}, which must all have the same number of epochs T (at least 2) and be at
   * least {@value #MIN_CURVES}.
   *
   * @throws IllegalArgumentException when they do not
   */
  Fitted fit(List<Observation> curves);

  /** The fewest curves a predictor fits on. */
  int MIN_CURVES = 5;

  /** A fitted predictor. */
  interface Fitted {
    /** The number of epochs T of the curves it was fitted on. */
    int epochs();

    /** The prediction of y_T after the epochs {@code partial} (1 to T of them). */
    Prediction predict(Architecture architecture, List<Double> partial);
  }

  /**
   * The paper's predictor: one nu-SVR (RBF kernel) per epoch t, from the partial curve, its
   * differences and the architecture to y_T; C, nu and gamma by random search with 3-fold
   * cross-validation; sigma_t by leave-one-out (10-fold beyond 50 curves).
   */
  static CurvePredictor svr() {
    return new SequentialRegression("nu-SVR", true, null);
  }

  /**
   * The same with the given hyperparameters instead of a search for them (features are
   * standardised; gamma of the RBF kernel on them).
   */
  static CurvePredictor svr(double c, double nu, double gamma) {
    return new SequentialRegression("nu-SVR (fixed)", true, new NuSvr(c, nu, gamma));
  }

  /** The same sequential regression with linear least squares. */
  static CurvePredictor ols() {
    return new SequentialRegression("OLS", false, null);
  }

  /** The baseline: y_T is the last value seen, y_t; sigma_t from the fitted curves. */
  static CurvePredictor lastValue() {
    return new Extrapolation(Extrapolation.Model.LAST_VALUE);
  }

  /**
   * A power law y = a - b t^-c fitted to the partial curve alone (after Domhan et al.),
   * extrapolated to T; sigma_t from the fitted curves.
   */
  static CurvePredictor powerLaw() {
    return new Extrapolation(Extrapolation.Model.POWER_LAW);
  }

  /** An exponential y = a - b e^(-c t) fitted to the partial curve, extrapolated to T. */
  static CurvePredictor exponential() {
    return new Extrapolation(Extrapolation.Model.EXPONENTIAL);
  }

  /** Every predictor: nu-SVR, OLS, last value, power law, exponential. */
  static List<CurvePredictor> all() {
    return List.of(svr(), ols(), lastValue(), powerLaw(), exponential());
  }

  /** The common T of {@code curves}, after checking them. */
  static int epochsOf(List<Observation> curves) {
    if (curves.size() < MIN_CURVES) {
      throw new IllegalArgumentException(
          "a predictor needs at least " + MIN_CURVES + " curves, got " + curves.size());
    }
    int t = curves.get(0).curve().size();
    for (Observation o : curves) {
      if (o.curve().size() != t) {
        throw new IllegalArgumentException(
            "curves must have the same length: " + t + " and " + o.curve().size() + " epochs");
      }
    }
    if (t < 2) {
      throw new IllegalArgumentException("curves need at least 2 epochs to predict from");
    }
    return t;
  }
}
