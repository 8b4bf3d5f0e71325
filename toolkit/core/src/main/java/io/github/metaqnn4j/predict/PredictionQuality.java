package io.github.metaqnn4j.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a predictor predicts y_T from a fraction of the curve, on curves it was not fitted on:
 * the coefficient of determination R^2 and the mean absolute error, as the paper reports them.
 *
 * <pre>{@code
 * PredictionQuality.measure(CurvePredictor.svr(), fitOn, heldOut, 0.1, 0.25, 0.5, 0.75);
 * }</pre>
 *
 * @param predictor the predictor's name
 * @param fraction the fraction of the curve observed
 * @param epoch the epochs observed, t = max(1, round(fraction T))
 * @param r2 1 - SS_res / SS_tot over the held-out curves
 * @param mae the mean absolute error of the predicted y_T
 * @param curves the number of held-out curves
 * @param fitMillis the time to fit on the fitted curves
 */
public record PredictionQuality(
    String predictor,
    double fraction,
    int epoch,
    double r2,
    double mae,
    int curves,
    double fitMillis) {

  /**
   * The quality of {@code predictor}, fitted on {@code fit}, on {@code heldOut} at each fraction.
   */
  public static List<PredictionQuality> measure(
      CurvePredictor predictor,
      List<Observation> fit,
      List<Observation> heldOut,
      double... fractions) {
    long start = System.nanoTime();
    CurvePredictor.Fitted fitted = predictor.fit(fit);
    double millis = (System.nanoTime() - start) / 1e6;
    int epochs = fitted.epochs();
    double mean = heldOut.stream().mapToDouble(Observation::last).average().orElse(0);
    List<PredictionQuality> out = new ArrayList<>();
    for (double f : fractions) {
      int t = Math.max(1, (int) Math.round(f * epochs));
      double ssRes = 0;
      double ssTot = 0;
      double abs = 0;
      for (Observation o : heldOut) {
        double e = o.last() - fitted.predict(o.architecture(), o.prefix(t)).mean();
        ssRes += e * e;
        ssTot += (o.last() - mean) * (o.last() - mean);
        abs += Math.abs(e);
      }
      out.add(
          new PredictionQuality(
              predictor.name(),
              f,
              t,
              ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot,
              abs / heldOut.size(),
              heldOut.size(),
              millis));
    }
    return out;
  }
}
