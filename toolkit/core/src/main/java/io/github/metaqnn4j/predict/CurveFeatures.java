package io.github.metaqnn4j.predict;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.FullyConnected;
import io.github.metaqnn4j.space.Layer;
import java.util.List;

/**
 * The features of the paper's sequential regression models: the partial curve y_1..y_t, its first
 * and second differences, and the architecture: layers, layers by type, and the logarithms of the
 * total conv filters, conv weights per input channel (n f^2) and FC units.
 */
final class CurveFeatures {
  private CurveFeatures() {}

  /** The number of features for a prefix of {@code t} epochs. */
  static int count(int t) {
    return t + Math.max(0, t - 1) + Math.max(0, t - 2) + ARCHITECTURE;
  }

  private static final int ARCHITECTURE = 8;

  static double[] of(Architecture a, List<Double> prefix) {
    int t = prefix.size();
    double[] x = new double[count(t)];
    int k = 0;
    for (double y : prefix) {
      x[k++] = y;
    }
    for (int i = 1; i < t; i++) {
      x[k++] = prefix.get(i) - prefix.get(i - 1);
    }
    for (int i = 2; i < t; i++) {
      x[k++] = prefix.get(i) - 2 * prefix.get(i - 1) + prefix.get(i - 2);
    }
    double filters = 0;
    double weights = 0;
    double units = 0;
    for (Layer l : a.layers()) {
      if (l instanceof Conv c) {
        filters += c.filters();
        weights += (double) c.filters() * c.kernel() * c.kernel();
      } else if (l instanceof FullyConnected f) {
        units += f.units();
      }
    }
    x[k++] = a.size();
    x[k++] = a.count("C");
    x[k++] = a.count("P");
    x[k++] = a.count("FC");
    x[k++] = a.count("GAP");
    x[k++] = Math.log1p(filters);
    x[k++] = Math.log1p(weights);
    x[k] = Math.log1p(units);
    return x;
  }
}
