package io.github.metaqnn4j.predict;

import java.util.List;

/**
 * The paper's sequential regression models: for each epoch t < T a regressor from the features of
 * the first t epochs ({@link CurveFeatures}) to y_T, and sigma_t, the root mean square of its
 * out-of-fold residuals. At t = T the curve is complete and y_T is known.
 */
final class SequentialRegression implements CurvePredictor {
  /** Leave-one-out up to this many curves, 10-fold beyond (the cost grows with n^2). */
  static final int LOO_UP_TO = 50;

  private final String name;
  private final boolean svr;
  private final NuSvr fixed;

  /** Sequential nu-SVR ({@code svr}, tuned unless {@code fixed} is given) or least squares. */
  SequentialRegression(String name, boolean svr, NuSvr fixed) {
    this.name = name;
    this.svr = svr;
    this.fixed = fixed;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Fitted fit(List<Observation> curves) {
    int epochs = CurvePredictor.epochsOf(curves);
    int n = curves.size();
    double[] y = curves.stream().mapToDouble(Observation::last).toArray();
    Regressor.Model[] models = new Regressor.Model[epochs];
    double[] sigma = new double[epochs];
    Regressor regressor = svr ? null : new LeastSquares();
    for (int t = 1; t < epochs; t++) {
      double[][] x = new double[n][];
      for (int i = 0; i < n; i++) {
        x[i] = CurveFeatures.of(curves.get(i).architecture(), curves.get(i).prefix(t));
      }
      Regressor r = !svr ? regressor : fixed != null ? fixed : NuSvr.tuned(x, y, 10, 3, 31L * t);
      models[t] = r.fit(x, y);
      sigma[t] =
          CrossValidation.rootMeanSquare(
              CrossValidation.residuals(r, x, y, n <= LOO_UP_TO ? n : 10));
    }
    return new PerEpochFit(
        epochs,
        sigma,
        (architecture, prefix, t) -> models[t].predict(CurveFeatures.of(architecture, prefix)));
  }
}
