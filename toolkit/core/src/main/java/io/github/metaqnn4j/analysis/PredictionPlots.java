package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.predict.PredictionQuality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of learning-curve prediction: how well each predictor predicts the final accuracy from
 * the part of the curve it has seen (the paper's Figure 2).
 *
 * <pre>{@code
 * List<PredictionQuality> q = new ArrayList<>();
 * for (var p : CurvePredictor.all()) q.addAll(PredictionQuality.measure(p, fit, test, 0.1, 0.25, 0.5));
 * PredictionPlots.r2(q);
 * }</pre>
 */
public final class PredictionPlots {
  private PredictionPlots() {}

  /** R^2 of each predictor against the fraction of the curve observed. */
  public static XYChart r2(List<PredictionQuality> quality) {
    return chart(quality, "R^2 of the predicted final accuracy", "R^2", PredictionQuality::r2);
  }

  /** Mean absolute error of each predictor against the fraction of the curve observed. */
  public static XYChart meanAbsoluteError(List<PredictionQuality> quality) {
    return chart(
        quality,
        "Mean absolute error of the predicted final accuracy",
        "mean absolute error",
        PredictionQuality::mae);
  }

  private static XYChart chart(
      List<PredictionQuality> quality,
      String title,
      String yTitle,
      ToDoubleFunction<PredictionQuality> value) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(450)
            .title(title)
            .xAxisTitle("fraction of the learning curve observed (%)")
            .yAxisTitle(yTitle)
            .build();
    Map<String, List<PredictionQuality>> byPredictor = new LinkedHashMap<>();
    for (PredictionQuality q : quality) {
      byPredictor.computeIfAbsent(q.predictor(), k -> new java.util.ArrayList<>()).add(q);
    }
    byPredictor.forEach(
        (name, points) ->
            chart
                .addSeries(
                    name,
                    points.stream().mapToDouble(q -> 100 * q.fraction()).toArray(),
                    points.stream().mapToDouble(value).toArray())
                .setMarker(SeriesMarkers.CIRCLE));
    return chart;
  }
}
