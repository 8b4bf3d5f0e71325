package io.github.metaqnn4j.predict;

/**
 * Out-of-fold residuals of a regressor: leave-one-out when {@code folds >= n}, else k folds of
 * interleaved rows (row i in fold i mod k), so the split is the same every time.
 */
final class CrossValidation {
  private CrossValidation() {}

  /** For each row, its target minus the prediction of a model fitted without its fold. */
  static double[] residuals(Regressor r, double[][] x, double[] y, int folds) {
    int n = x.length;
    int k = Math.min(folds, n);
    double[] out = new double[n];
    for (int f = 0; f < k; f++) {
      int held = (n - f + k - 1) / k;
      double[][] tx = new double[n - held][];
      double[] ty = new double[n - held];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (i % k != f) {
          tx[m] = x[i];
          ty[m++] = y[i];
        }
      }
      Regressor.Model model = r.fit(tx, ty);
      for (int i = f; i < n; i += k) {
        out[i] = y[i] - model.predict(x[i]);
      }
    }
    return out;
  }

  static double meanSquaredError(Regressor r, double[][] x, double[] y, int folds) {
    double sum = 0;
    for (double e : residuals(r, x, y, folds)) {
      sum += e * e;
    }
    return sum / x.length;
  }

  static double rootMeanSquare(double[] residuals) {
    double sum = 0;
    for (double e : residuals) {
      sum += e * e;
    }
    return Math.sqrt(sum / residuals.length);
  }
}
