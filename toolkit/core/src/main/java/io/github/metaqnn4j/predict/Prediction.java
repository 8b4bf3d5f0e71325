package io.github.metaqnn4j.predict;

import org.apache.commons.math3.special.Erf;

/**
 * A predicted final accuracy: the normal distribution N(mean, sigma^2), sigma estimated by
 * cross-validation of the predictor.
 */
public record Prediction(double mean, double sigma) {
  public Prediction {
    if (!Double.isFinite(mean) || !(sigma >= 0)) {
      throw new IllegalArgumentException("a prediction needs a finite mean and sigma >= 0");
    }
  }

  /** P(y_T < y): the probability that the final accuracy stays below {@code y}. */
  public double probabilityBelow(double y) {
    if (sigma == 0) {
      return mean < y ? 1 : 0;
    }
    return 0.5 * (1 + Erf.erf((y - mean) / (sigma * Math.sqrt(2))));
  }
}
