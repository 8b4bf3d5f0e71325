package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.store.StoredModel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The figures of accuracy against the search's progress (the paper's Figures 3, A2 and A3). */
final class AccuracyFigures {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;

  private AccuracyFigures() {}

  /** The models grouped by epsilon, in the order the schedule used them (highest first). */
  static Map<Double, List<StoredModel>> byEpsilon(List<StoredModel> models) {
    Map<Double, List<StoredModel>> groups = new TreeMap<>(Comparator.reverseOrder());
    models.forEach(m -> groups.computeIfAbsent(m.epsilon(), e -> new ArrayList<>()).add(m));
    return groups;
  }

  /** Accuracy of each model by iteration, one series per epsilon, and the best so far. */
  static XYChart scatter(List<StoredModel> models, String which) {
    XYChart chart = xy("Validation accuracy of " + which, "iteration", "validation accuracy");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(5);
    if (!models.isEmpty()) {
      continuousAxis(chart, models.get(0).reward());
    }
    int i = 0;
    for (var e : byEpsilon(models).entrySet()) {
      chart
          .addSeries(
              "epsilon " + Figures.epsilon(e.getKey()),
              e.getValue().stream().mapToDouble(m -> m.iteration() + 1).toArray(),
              e.getValue().stream().mapToDouble(StoredModel::reward).toArray())
          .setMarkerColor(Palette.series(i++));
    }
    if (!models.isEmpty()) {
      double[] x = new double[models.size()];
      double[] best = new double[models.size()];
      double b = 0;
      for (int k = 0; k < models.size(); k++) {
        b = Math.max(b, models.get(k).reward());
        x[k] = models.get(k).iteration() + 1;
        best[k] = b;
      }
      XYSeries s = chart.addSeries("best so far", x, best);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(Color.BLACK);
    }
    return chart;
  }

  /**
   * The paper's Figure 3 (A2): the rolling mean of accuracy over the last {@code window} models
   * against iteration, over a bar per epsilon stage at the mean accuracy of its models.
   */
  static XYChart rollingMean(List<StoredModel> models, int window, String which) {
    return rollingMean(models, window, which, true);
  }

  /**
   * The rolling mean; with {@code epsilonBars} over the mean of each epsilon stage on a 0-1 axis
   * (Figure 3), without (a controller search, which has no epsilon) over every sample's accuracy,
   * the axis fitted to the data.
   */
  static XYChart rollingMean(
      List<StoredModel> models, int window, String which, boolean epsilonBars) {
    if (window < 1) {
      throw new IllegalArgumentException("the rolling window must be at least 1 model");
    }
    XYChart chart =
        xy(
            epsilonBars
                ? "Rolling mean accuracy (" + window + " models) and mean accuracy at each epsilon"
                : "Rolling mean accuracy (" + window + " models) and every sample",
            "iteration (" + which + ")",
            "validation accuracy");
    if (models.isEmpty()) {
      return chart;
    }
    if (!epsilonBars) {
      XYSeries points =
          chart.addSeries(
              "each sampled model",
              models.stream().mapToDouble(m -> m.iteration() + 1).toArray(),
              models.stream().mapToDouble(StoredModel::reward).toArray());
      points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      points.setMarker(SeriesMarkers.CIRCLE);
      points.setMarkerColor(Palette.transparent(Palette.series(0), 90));
      addRollingLine(chart, models, window);
      double lo = models.stream().mapToDouble(StoredModel::reward).min().orElse(0);
      double hi = models.stream().mapToDouble(StoredModel::reward).max().orElse(1);
      chart.getStyler().setYAxisMin(Math.max(0, lo - 0.02));
      chart.getStyler().setYAxisMax(Math.min(1.0, hi + 0.02));
      return chart;
    }
    Color bar = Palette.transparent(Palette.series(0), 70);
    boolean first = true;
    int stageIndex = 0;
    for (var e : stages(models).entrySet()) {
      List<StoredModel> stage = e.getValue();
      double from = stage.get(0).iteration() + 0.5;
      double to = stage.get(stage.size() - 1).iteration() + 1.5;
      double mean = stage.stream().mapToDouble(StoredModel::reward).average().orElse(0);
      XYSeries s =
          chart.addSeries(
              first ? "mean accuracy at each epsilon" : "epsilon " + e.getKey(),
              new double[] {from, from, to, to},
              new double[] {0, mean, mean, 0});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      s.setMarker(SeriesMarkers.NONE);
      s.setFillColor(bar);
      s.setLineColor(Palette.series(0));
      s.setShowInLegend(first);
      first = false;
      String label = "\u03b5=" + Figures.epsilon(stage.get(0).epsilon());
      // labels of neighbouring stages alternate in height, so that narrow stages stay readable
      double lift = stageIndex++ % 2 == 0 ? 0.03 : 0.08;
      chart.addAnnotation(new AnnotationText(label, (from + to) / 2, mean + lift, false));
    }
    addRollingLine(chart, models, window);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.05);
    return chart;
  }

  private static void addRollingLine(XYChart chart, List<StoredModel> models, int window) {
    double[] x = new double[models.size()];
    double[] y = new double[models.size()];
    double sum = 0;
    for (int i = 0; i < models.size(); i++) {
      sum += models.get(i).reward();
      if (i >= window) {
        sum -= models.get(i - window).reward();
      }
      x[i] = models.get(i).iteration() + 1;
      y[i] = sum / Math.min(i + 1, window);
    }
    XYSeries line = chart.addSeries("rolling mean of the last " + window + " models", x, y);
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(Color.BLACK);
    line.setLineStyle(new BasicStroke(2f));
  }

  /** Consecutive runs of one epsilon, keyed "epsilon#run" in iteration order. */
  private static Map<String, List<StoredModel>> stages(List<StoredModel> models) {
    Map<String, List<StoredModel>> stages = new LinkedHashMap<>();
    List<StoredModel> current = null;
    for (StoredModel m : models) {
      if (current == null || current.get(0).epsilon() != m.epsilon()) {
        current = new ArrayList<>();
        stages.put(Figures.epsilon(m.epsilon()) + "#" + stages.size(), current);
      }
      current.add(m);
    }
    return stages;
  }

  /** The paper's Figure A3, left: the distribution of accuracy at each epsilon, as boxes. */
  static BoxChart distribution(List<StoredModel> models, String which) {
    BoxChart chart =
        new BoxChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Accuracy distribution at each epsilon (" + which + ")")
            .xAxisTitle("epsilon")
            .yAxisTitle("validation accuracy")
            .build();
    int i = 0;
    for (var e : byEpsilon(models).entrySet()) {
      chart
          .addSeries(
              Figures.epsilon(e.getKey()) + " (" + e.getValue().size() + ")",
              e.getValue().stream().mapToDouble(StoredModel::reward).toArray())
          .setFillColor(Palette.transparent(Palette.series(i++), 160));
    }
    chart.getStyler().setLegendVisible(false);
    return chart;
  }

  /**
   * The paper's Figure A3, right: the share of models in each accuracy bin, for the first epsilon
   * (random search) against the last.
   */
  static CategoryChart firstVersusLast(List<StoredModel> models, int bins, String which) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("Accuracy at the first and at the last epsilon")
            .xAxisTitle(
                "validation accuracy, bins of " + Figures.epsilon(1.0 / bins) + " (" + which + ")")
            .yAxisTitle("share of the models at that epsilon (%)")
            .build();
    Map<Double, List<StoredModel>> groups = byEpsilon(models);
    if (groups.isEmpty()) {
      return chart;
    }
    List<Double> keys = new ArrayList<>(groups.keySet());
    List<Double> shown = keys.size() == 1 ? keys : List.of(keys.get(0), keys.get(keys.size() - 1));
    List<String> centres = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      centres.add(
          String.format(java.util.Locale.ROOT, "%.2f-%.2f", (double) b / bins, (b + 1.0) / bins));
    }
    int i = 0;
    for (double eps : shown) {
      List<StoredModel> group = groups.get(eps);
      double[] share = new double[bins];
      for (StoredModel m : group) {
        share[Math.min(bins - 1, Math.max(0, (int) (m.reward() * bins)))] += 100.0 / group.size();
      }
      List<Double> y = new ArrayList<>();
      for (double v : share) {
        y.add(v);
      }
      chart
          .addSeries(
              "epsilon " + Figures.epsilon(eps) + " (" + group.size() + " models)", centres, y)
          .setFillColor(Palette.transparent(Palette.series(i == 0 ? 0 : 3), 180));
      i++;
    }
    chart.getStyler().setXAxisLabelRotation(45);
    return chart;
  }

  /**
   * Learning curves of the given models; where early stopping ran, a dashed line from the stop
   * epoch to the predicted final accuracy (with one sigma) at the last planned epoch.
   */
  static XYChart learningCurves(List<StoredModel> models, int plannedEpochs) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT + 50 * models.size())
            .title("Learning curves of chosen models")
            .xAxisTitle("epoch")
            .yAxisTitle("validation accuracy after the epoch")
            .build();
    int i = 0;
    for (StoredModel m : models) {
      if (m.curve().isEmpty()) {
        continue;
      }
      Color color = Palette.series(i++);
      double[] x = new double[m.curve().size()];
      for (int e = 0; e < x.length; e++) {
        x[e] = e + 1;
      }
      String name = "iteration " + (m.iteration() + 1) + ": " + shortName(m.architecture());
      XYSeries s =
          chart.addSeries(name, x, m.curve().stream().mapToDouble(Double::doubleValue).toArray());
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setMarker(SeriesMarkers.CIRCLE);
      Double predicted = m.metrics().get(Evaluation.PREDICTED_FINAL);
      Double stop = m.metrics().get(Evaluation.STOP_EPOCH);
      if (m.status().equals("STOPPED_EARLY") && predicted != null && stop != null) {
        double sigma = m.metrics().getOrDefault(Evaluation.PREDICTION_SIGMA, 0.0);
        XYSeries p =
            chart.addSeries(
                "iteration "
                    + (m.iteration() + 1)
                    + ": predicted final, stopped after epoch "
                    + stop.intValue(),
                new double[] {stop, plannedEpochs},
                new double[] {m.curve().get(stop.intValue() - 1), predicted},
                new double[] {0, sigma});
        p.setLineColor(color);
        p.setMarkerColor(color);
        p.setMarker(SeriesMarkers.DIAMOND);
        p.setLineStyle(
            new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      }
    }
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    return chart;
  }

  /**
   * Keeps XChart from treating the x axis as equally spaced categories (one tick per iteration,
   * labels run together, and minutes of layout for a million points): an invisible first point at x
   * = 0.5 makes the axis values unevenly spaced, so the axis gets round ticks.
   */
  private static void continuousAxis(XYChart chart, double y) {
    XYSeries anchor = chart.addSeries(" ", new double[] {0.5}, new double[] {y});
    anchor.setShowInLegend(false);
    anchor.setMarker(SeriesMarkers.NONE);
    anchor.setLineColor(new Color(0, 0, 0, 0));
  }

  private static String shortName(String architecture) {
    return architecture.length() <= 60 ? architecture : architecture.substring(0, 57) + "...";
  }

  private static XYChart xy(String title, String x, String y) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(x)
            .yAxisTitle(y)
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    return chart;
  }
}
