package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.SearchResult;
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
import tech.tablesaw.api.Table;

/**
 * The report of an experiment, stored or just run: its models as Tablesaw tables, how accuracy
 * evolved as epsilon fell (an XChart figure), and its finished models.
 *
 * <pre>{@code
 * var report = ExperimentReport.of(result);      // a SearchResult, or a store
 * report.topModels(5);                           // a Tablesaw table, best first
 * report.byEpsilon();                            // models, mean and best accuracy per epsilon
 * report.accuracyChart();                        // accuracy of each new model by iteration
 * report.writeTo(Path.of("report"), 10);         // summary.txt, top_models.csv, accuracy.png
 * }</pre>
 */
public final class ExperimentReport {
  private final List<StoredModel> models;
  private final Optional<FinalModels> finals;

  private ExperimentReport(List<StoredModel> iterations, Optional<FinalModels> finals) {
    this.models = iterations.stream().filter(m -> !m.reused()).toList();
    this.finals = finals;
  }

  /** A report of these iterations (re-samples are left out of the tables and figures). */
  public static ExperimentReport of(List<StoredModel> iterations) {
    return new ExperimentReport(iterations, Optional.empty());
  }

  /** A report of a stored experiment, with its finished models if it has any. */
  public static ExperimentReport of(ExperimentStore store) {
    return new ExperimentReport(store.models(), store.finals());
  }

  /** A report of a search run in this process. */
  public static ExperimentReport of(SearchResult result) {
    return of(result.history().stream().map(ModelRecord::stored).toList());
  }

  /** The finished best models (re-trained and tested), if the experiment has them. */
  public Optional<FinalModels> finals() {
    return finals;
  }

  /** The unique models, in order. */
  public List<StoredModel> models() {
    return models;
  }

  /** The {@code k} best models by reward, best first. */
  public List<StoredModel> best(int k) {
    return models.stream()
        .sorted(Comparator.comparingDouble(StoredModel::reward).reversed())
        .limit(k)
        .toList();
  }

  /** The {@code k} best models as a table: rank, iteration, epsilon, accuracy, ... */
  public Table topModels(int k) {
    return ModelTable.of("top " + k + " models", best(k), true);
  }

  /** Every unique model as a table, in iteration order. */
  public Table table() {
    return ModelTable.of("models", models, false);
  }

  /** Models, mean and best accuracy and failures for each epsilon. */
  public Table byEpsilon() {
    return ModelTable.byEpsilon(models);
  }

  /** The finished models and their ensemble as a table, if the experiment has them. */
  public Optional<Table> finalModels() {
    return finals.map(ExperimentReport::table);
  }

  /** Finished models and their ensemble as a table: rank, test accuracy, epochs, seconds. */
  public static Table table(FinalModels finals) {
    return ModelTable.finals(finals);
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

  /** A plain-text summary: counts, accuracy at each epsilon, the top models, finished models. */
  public String summary(int k) {
    StringBuilder sb = new StringBuilder();
    long failed = models.stream().filter(m -> m.status().equals("FAILED")).count();
    sb.append(String.format(Locale.ROOT, "%d models (%d failed)%n", models.size(), failed));
    Table eps = byEpsilon();
    for (int r = 0; r < eps.rowCount(); r++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "epsilon %.1f: %3d models, mean accuracy %.4f, best %.4f%n",
              eps.doubleColumn("epsilon").get(r),
              eps.intColumn("models").get(r),
              eps.doubleColumn("mean accuracy").get(r),
              eps.doubleColumn("best accuracy").get(r)));
    }
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
    for (StoredModel m : best(k)) {
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
   * Writes {@code summary.txt}, {@code top_models.csv}, {@code accuracy.png} and, when the
   * experiment has them, {@code final_models.csv} into {@code dir}.
   */
  public void writeTo(Path dir, int k) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("summary.txt"), summary(k));
      topModels(k).write().csv(dir.resolve("top_models.csv").toFile());
      if (finals.isPresent()) {
        finalModels().orElseThrow().write().csv(dir.resolve("final_models.csv").toFile());
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
