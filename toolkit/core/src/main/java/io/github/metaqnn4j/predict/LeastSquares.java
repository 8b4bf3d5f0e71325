package io.github.metaqnn4j.predict;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Linear least squares on standardised features with an intercept. The curve's differences are
 * linear in the curve itself, so the normal equations are singular; a tiny ridge penalty ({@code
 * 1e-6} per row) makes them solvable without changing the fit noticeably.
 */
record LeastSquares() implements Regressor {
  @Override
  public Model fit(double[][] x, double[] y) {
    Scaling scaling = Scaling.of(x);
    int n = x.length;
    int d = x[0].length + 1;
    RealMatrix a = new Array2DRowRealMatrix(n, d);
    for (int i = 0; i < n; i++) {
      double[] z = scaling.apply(x[i]);
      a.setEntry(i, 0, 1);
      for (int j = 1; j < d; j++) {
        a.setEntry(i, j, z[j - 1]);
      }
    }
    RealMatrix normal = a.transpose().multiply(a);
    for (int j = 1; j < d; j++) {
      normal.addToEntry(j, j, 1e-6 * n);
    }
    RealVector beta =
        new CholeskyDecomposition(normal, 1e-12, 1e-14)
            .getSolver()
            .solve(a.transpose().operate(new ArrayRealVector(y)));
    return row -> {
      double[] z = scaling.apply(row);
      double v = beta.getEntry(0);
      for (int j = 1; j < d; j++) {
        v += beta.getEntry(j) * z[j - 1];
      }
      return v;
    };
  }
}
