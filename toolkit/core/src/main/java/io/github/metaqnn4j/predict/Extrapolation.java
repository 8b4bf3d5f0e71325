package io.github.metaqnn4j.predict;

import java.util.List;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.SimpleCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;

/**
 * Predictors that look at the partial curve alone: the last value seen, or a parametric curve
 * fitted to it by least squares (Levenberg-Marquardt) and read at T. Fitting on training curves
 * only estimates sigma_t: the root mean square of y_T minus the prediction from their first t
 * epochs.
 */
final class Extrapolation implements CurvePredictor {
  enum Model {
    LAST_VALUE("last value"),
    POWER_LAW("power law"),
    EXPONENTIAL("exponential");

    final String label;

    Model(String label) {
      this.label = label;
    }
  }

  private final Model model;

  Extrapolation(Model model) {
    this.model = model;
  }

  @Override
  public String name() {
    return model.label;
  }

  @Override
  public Fitted fit(List<Observation> curves) {
    int epochs = CurvePredictor.epochsOf(curves);
    double[] sigma = new double[epochs];
    for (int t = 1; t < epochs; t++) {
      double[] residuals = new double[curves.size()];
      for (int i = 0; i < curves.size(); i++) {
        Observation o = curves.get(i);
        residuals[i] = o.last() - extrapolate(o.prefix(t), epochs);
      }
      sigma[t] = CrossValidation.rootMeanSquare(residuals);
    }
    return new PerEpochFit(epochs, sigma, (architecture, prefix, t) -> extrapolate(prefix, epochs));
  }

  /** The curve's value at epoch {@code epochs} as the model extrapolates it, within [0, 1]. */
  double extrapolate(List<Double> prefix, int epochs) {
    double last = prefix.get(prefix.size() - 1);
    if (model == Model.LAST_VALUE || prefix.size() < 3) {
      return last; // three parameters need three points
    }
    ParametricUnivariateFunction f = model == Model.POWER_LAW ? POWER_LAW : EXPONENTIAL;
    WeightedObservedPoints points = new WeightedObservedPoints();
    for (int i = 0; i < prefix.size(); i++) {
      points.add(i + 1, prefix.get(i));
    }
    double first = prefix.get(0);
    double[] start = {Math.min(1, last + 0.05), Math.max(0.01, last + 0.05 - first), 0.5};
    try {
      double[] p = SimpleCurveFitter.create(f, start).withMaxIterations(200).fit(points.toList());
      double v = f.value(epochs, p);
      return Double.isFinite(v) ? Math.max(0, Math.min(1, v)) : last;
    } catch (MathIllegalStateException | IllegalArgumentException e) { // singular, no convergence
      return last; // no fit: the last value is the best guess
    }
  }

  /** y = a - b t^-c. */
  private static final ParametricUnivariateFunction POWER_LAW =
      new ParametricUnivariateFunction() {
        @Override
        public double value(double t, double... p) {
          return p[0] - p[1] * Math.pow(t, -p[2]);
        }

        @Override
        public double[] gradient(double t, double... p) {
          double power = Math.pow(t, -p[2]);
          return new double[] {1, -power, p[1] * power * Math.log(t)};
        }
      };

  /** y = a - b e^(-c t). */
  private static final ParametricUnivariateFunction EXPONENTIAL =
      new ParametricUnivariateFunction() {
        @Override
        public double value(double t, double... p) {
          return p[0] - p[1] * Math.exp(-p[2] * t);
        }

        @Override
        public double[] gradient(double t, double... p) {
          double e = Math.exp(-p[2] * t);
          return new double[] {1, -e, p[1] * t * e};
        }
      };
}
