package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.FinalModels;
import io.github.metaqnn4j.store.StoredModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report of an experiment: its best models and how accuracy evolved as epsilon fell.
 *
 * <pre>{@code
 * var report = ExperimentReport.of(store.models());
 * report.topModels(5);           // best unique models first
 * report.accuracyChart();        // XChart: accuracy of each new model by iteration, per epsilon
 * report.writeTo(Path.of("report"), 10);   // top_models.csv, summary.txt, accuracy.png
 * }</pre>
 */
public final class ExperimentReport {
  private final List<StoredModel> models;
  private final Optional<FinalModels> finals;

  private ExperimentReport(List<StoredModel> models, Optional<FinalModels> finals) {
    this.models = List.copyOf(models);
    this.finals = finals;
  }

  /** A report of these iterations (re-samples are left out of the tables and figures). */
  public static ExperimentReport of(List<StoredModel> iterations) {
    return new ExperimentReport(
        iterations.stream().filter(m -> !m.reused()).toList(), Optional.empty());
  }

  /** A report of a stored experiment, with its finished models if it has any. */
  public static ExperimentReport of(ExperimentStore store) {
    return new ExperimentReport(of(store.models()).models, store.finals());
  }

  /** The finished best models (re-trained and tested), if the experiment has them. */
  public Optional<FinalModels> finals() {
    return finals;
  }

  /** The unique models, in order. */
  public List<StoredModel> models() {
    return models;
  }

  /** The {@code k} best models by reward. */
  public List<StoredModel> topModels(int k) {
    return models.stream()
        .sorted(Comparator.comparingDouble(StoredModel::reward).reversed())
        .limit(k)
        .toList();
  }

  /** The mean reward of the models sampled with this epsilon. */
  public OptionalDouble meanReward(double epsilon) {
    return models.stream()
        .filter(m -> m.epsilon() == epsilon)
        .mapToDouble(StoredModel::reward)
        .average();
  }

  /** Reward of every new model by iteration, one series per epsilon, and the best so far. */
  public XYChart accuracyChart() {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(500)
            .title("Validation accuracy of the models the agent designed")
            .xAxisTitle("iteration")
            .yAxisTitle("best validation accuracy")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(6);
    Map<Double, List<StoredModel>> byEpsilon = new TreeMap<>(Comparator.reverseOrder());
    for (StoredModel m : models) {
      byEpsilon.computeIfAbsent(m.epsilon(), e -> new ArrayList<>()).add(m);
    }
    for (var e : byEpsilon.entrySet()) {
      chart.addSeries(
          String.format(Locale.ROOT, "epsilon %.1f", e.getKey()),
          e.getValue().stream().mapToDouble(StoredModel::iteration).toArray(),
          e.getValue().stream().mapToDouble(StoredModel::reward).toArray());
    }
    if (!models.isEmpty()) {
      double[] x = new double[models.size()];
      double[] best = new double[models.size()];
      double b = 0;
      for (int i = 0; i < models.size(); i++) {
        b = Math.max(b, models.get(i).reward());
        x[i] = models.get(i).iteration();
        best[i] = b;
      }
      XYSeries s = chart.addSeries("best so far", x, best);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /** A plain-text summary: counts, best model, mean reward at each epsilon, and the top models. */
  public String summary(int k) {
    StringBuilder sb = new StringBuilder();
    long failed = models.stream().filter(m -> m.status().equals("FAILED")).count();
    sb.append(String.format(Locale.ROOT, "%d models (%d failed)%n", models.size(), failed));
    Map<Double, List<StoredModel>> byEpsilon = new TreeMap<>(Comparator.reverseOrder());
    models.forEach(m -> byEpsilon.computeIfAbsent(m.epsilon(), e -> new ArrayList<>()).add(m));
    byEpsilon.forEach(
        (eps, list) ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "epsilon %.1f: %3d models, mean accuracy %.4f, best %.4f%n",
                    eps,
                    list.size(),
                    list.stream().mapToDouble(StoredModel::reward).average().orElse(0),
                    list.stream().mapToDouble(StoredModel::reward).max().orElse(0))));
    sb.append(String.format(Locale.ROOT, "%nTop %d models%n", k));
    sb.append(
        String.format(
            Locale.ROOT,
            "%4s %9s %7s %6s  %s%n",
            "rank",
            "iteration",
            "epsilon",
            "acc",
            "architecture"));
    int rank = 1;
    for (StoredModel m : topModels(k)) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%4d %9d %7.1f %6.4f  %s%n",
              rank++,
              m.iteration(),
              m.epsilon(),
              m.reward(),
              m.architecture()));
    }
    finals.ifPresent(
        f -> {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "%nFinished models (test accuracy after re-training; %s)%n",
                  f.settings()));
          int r = 1;
          for (FinalModels.Model m : f.models()) {
            sb.append(
                String.format(
                    Locale.ROOT,
                    "%4d %6.4f %7.1fs  %s%n",
                    r++,
                    m.testAccuracy(),
                    m.seconds(),
                    m.architecture()));
          }
          sb.append(
              String.format(
                  Locale.ROOT,
                  "ensemble of %d: test accuracy %.4f%n",
                  f.models().size(),
                  f.ensembleTestAccuracy()));
        });
    return sb.toString();
  }

  /**
   * Writes {@code summary.txt}, {@code top_models.csv} and {@code accuracy.png} into {@code dir}.
   */
  public void writeTo(Path dir, int k) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("summary.txt"), summary(k));
      StringBuilder csv =
          new StringBuilder("rank,iteration,epsilon,accuracy,status,architecture\n");
      int rank = 1;
      for (StoredModel m : topModels(k)) {
        csv.append(rank++)
            .append(',')
            .append(m.iteration())
            .append(',')
            .append(m.epsilon())
            .append(',')
            .append(m.reward())
            .append(',')
            .append(m.status())
            .append(",\"")
            .append(m.architecture())
            .append("\"\n");
      }
      Files.writeString(dir.resolve("top_models.csv"), csv);
      if (finals.isPresent()) {
        StringBuilder f = new StringBuilder("rank,test_accuracy,seconds,epochs,architecture\n");
        int r = 1;
        for (FinalModels.Model m : finals.get().models()) {
          f.append(r++)
              .append(',')
              .append(m.testAccuracy())
              .append(',')
              .append(m.seconds())
              .append(',')
              .append(m.trainingLoss().size())
              .append(",\"")
              .append(m.architecture())
              .append("\"\n");
        }
        f.append("ensemble,").append(finals.get().ensembleTestAccuracy()).append(",,,\n");
        Files.writeString(dir.resolve("final_models.csv"), f);
      }
      System.setProperty("java.awt.headless", "true");
      BitmapEncoder.saveBitmap(
          accuracyChart(), dir.resolve("accuracy").toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
  }
}
