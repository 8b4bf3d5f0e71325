package io.github.metaqnn4j.predict;

import io.github.metaqnn4j.space.Architecture;
import java.util.List;

/**
 * A fitted predictor made of one prediction per number of epochs seen, t < T, each with its
 * sigma_t; at t = T the curve is complete and y_T is known exactly.
 */
final class PerEpochFit implements CurvePredictor.Fitted {
  /** The mean prediction of y_T from the first {@code t} epochs of a curve. */
  interface Mean {
    double of(Architecture architecture, List<Double> prefix, int t);
  }

  private final int epochs;
  private final double[] sigma;
  private final Mean mean;

  PerEpochFit(int epochs, double[] sigma, Mean mean) {
    this.epochs = epochs;
    this.sigma = sigma.clone();
    this.mean = mean;
  }

  @Override
  public int epochs() {
    return epochs;
  }

  @Override
  public Prediction predict(Architecture architecture, List<Double> partial) {
    int t = Math.min(partial.size(), epochs);
    if (t < 1) {
      throw new IllegalArgumentException("a prediction needs at least one epoch");
    }
    if (t == epochs) {
      return new Prediction(partial.get(epochs - 1), 0);
    }
    return new Prediction(mean.of(architecture, partial.subList(0, t), t), sigma[t]);
  }
}
