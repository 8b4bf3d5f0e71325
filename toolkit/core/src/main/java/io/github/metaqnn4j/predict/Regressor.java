package io.github.metaqnn4j.predict;

/**
 * A regression method: fits feature rows to targets. Implementations standardise the features
 * themselves.
 */
interface Regressor {
  /** A model fitted to rows {@code x} and targets {@code y}. */
  Model fit(double[][] x, double[] y);

  /** A fitted model. */
  interface Model {
    double predict(double[] x);
  }

  /** Per-feature mean and standard deviation of the training rows (1 where a feature is flat). */
  record Scaling(double[] mean, double[] scale) {
    static Scaling of(double[][] x) {
      int d = x[0].length;
      double[] mean = new double[d];
      double[] scale = new double[d];
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          mean[j] += row[j] / x.length;
        }
      }
      for (double[] row : x) {
        for (int j = 0; j < d; j++) {
          scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
        }
      }
      for (int j = 0; j < d; j++) {
        scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
      }
      return new Scaling(mean, scale);
    }

    double[] apply(double[] row) {
      double[] z = new double[row.length];
      for (int j = 0; j < row.length; j++) {
        z[j] = (row[j] - mean[j]) / scale[j];
      }
      return z;
    }
  }
}
