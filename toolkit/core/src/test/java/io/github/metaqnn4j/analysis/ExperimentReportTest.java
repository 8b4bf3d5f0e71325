package io.github.metaqnn4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.interop.MetaQnnCsv;
import io.github.metaqnn4j.interop.OriginalLogs;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoredModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * The report's numbers, worked out by hand from {@link OriginalLogs}: six iterations, at epsilon
 * 1.0 the nets scoring 0.62 and 0.71, at 0.9 a re-sample of the 0.71 net, [SM(10)] at 0.1, a GAP
 * net at 0.4 and a re-sample of [SM(10)].
 */
class ExperimentReportTest {
  @TempDir Path dir;

  private ExperimentStore imported() throws Exception {
    Path logs = dir.resolve("logs");
    OriginalLogs.write(logs);
    MetaQnnCsv.importInto(logs, StateSpace.cifar10().build(), dir.resolve("imported.db"));
    return ExperimentStore.open(dir.resolve("imported.db"));
  }

  @Test
  void byEpsilonCountsEverySampleAsThePaperDoes() throws Exception {
    try (var store = imported()) {
      Table all = ExperimentReport.of(store).byEpsilon();
      assertEquals("accuracy by epsilon: all 6 sampled models, re-samples included", all.name());
      assertEquals(List.of(1.0, 0.9), all.doubleColumn("epsilon").asList());
      assertEquals(List.of(2, 4), all.intColumn("models").asList());
      // 1.0: (0.62 + 0.71) / 2; sd sqrt(2 * 0.045^2 / 1). 0.9: 0.71, 0.1, 0.4, 0.1
      assertEquals(0.665, all.doubleColumn("mean").get(0), 1e-12);
      assertEquals(0.0636396, all.doubleColumn("std").get(0), 1e-7);
      assertEquals(0.3275, all.doubleColumn("mean").get(1), 1e-12);
      // sd: squares 0.14630625 + 2 x 0.05175625 + 0.00525625 = 0.255075, / 3, sqrt
      assertEquals(0.2915905, all.doubleColumn("std").get(1), 1e-7);
      // commons-math's default percentile: position p (n + 1) over 0.1, 0.1, 0.4, 0.71
      assertEquals(0.1, all.doubleColumn("q1").get(1), 1e-12);
      assertEquals(0.25, all.doubleColumn("median").get(1), 1e-12);
      assertEquals(0.6325, all.doubleColumn("q3").get(1), 1e-12);
      assertEquals(0.71, all.doubleColumn("best").get(1), 1e-12);

      Table unique = ExperimentReport.of(store).uniqueOnly().byEpsilon();
      assertEquals("accuracy by epsilon: the 4 unique models", unique.name());
      assertEquals(List.of(2, 2), unique.intColumn("models").asList());
      assertEquals(0.25, unique.doubleColumn("mean").get(1), 1e-12, "(0.1 + 0.4) / 2");
      assertEquals(0.4, unique.doubleColumn("best").get(1), 1e-12);
    }
  }

  @Test
  void theModelTableNumbersIterationsFromOneLikeTheCsv() throws Exception {
    try (var store = imported()) {
      Table t = ExperimentReport.of(store).table();
      assertEquals(List.of(1, 2, 3, 4, 5, 6), t.intColumn("iteration").asList());
      assertEquals(
          List.of(false, false, true, false, false, true), t.booleanColumn("re-sample").asList());
      assertEquals(List.of(1, 3, 3, 0, 2, 0), t.intColumn("depth").asList());
      assertEquals(List.of(1, 2, 2, 0, 1, 0), t.intColumn("conv").asList());
      assertEquals(List.of(0, 1, 1, 0, 0, 0), t.intColumn("pool").asList());
      assertEquals(List.of(0, 0, 0, 0, 1, 0), t.intColumn("gap").asList());
      MetaQnnCsv.export(store, dir.resolve("csv"));
      List<String> replay = Files.readAllLines(dir.resolve("csv").resolve(MetaQnnCsv.REPLAY));
      for (int i = 1; i < replay.size(); i++) {
        String[] f = replay.get(i).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertEquals(String.valueOf(t.intColumn("iteration").get(i - 1)), f[7], replay.get(i));
      }
    }
  }

  @Test
  void epsilonsThatRoundAlikeGetTheirOwnSeries() {
    List<StoredModel> models =
        List.of(model(0, 0.12, 0.5, false), model(1, 0.1, 0.6, false), model(2, 0.1, 0.7, true));
    XYChart chart = ExperimentReport.of(models).accuracyChart();
    assertEquals(
        Set.of(" ", "epsilon 0.12", "epsilon 0.1", "best so far"), chart.getSeriesMap().keySet());
  }

  @Test
  void figureThreeIsTheRollingMeanOverTheEpsilonBars() {
    List<StoredModel> models = new ArrayList<>();
    double[] rewards = {0.2, 0.4, 0.6, 0.8, 1.0};
    for (int i = 0; i < rewards.length; i++) {
      models.add(model(i, i < 2 ? 1.0 : 0.5, rewards[i], false));
    }
    XYChart chart = ExperimentReport.of(models).rollingMeanChart(2);
    var line = chart.getSeriesMap().get("rolling mean of the last 2 models");
    assertArrayEquals(new double[] {0.2, 0.3, 0.5, 0.7, 0.9}, line.getYData(), 1e-12);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5}, line.getXData(), 0);
    var first = chart.getSeriesMap().get("mean accuracy at each epsilon");
    assertArrayEquals(new double[] {0, 0.3, 0.3, 0}, first.getYData(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 2.5, 2.5}, first.getXData(), 0);
    var second = chart.getSeriesMap().get("epsilon 0.5#1");
    assertArrayEquals(new double[] {0, 0.8, 0.8, 0}, second.getYData(), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> ExperimentReport.of(models).rollingMeanChart(0));
  }

  @Test
  void figureA3ComparesRandomSearchWithTheLastEpsilon() {
    List<StoredModel> models =
        List.of(
            model(0, 1.0, 0.21, false),
            model(1, 1.0, 0.43, false),
            model(2, 0.5, 0.5, false),
            model(3, 0.1, 0.91, false),
            model(4, 0.1, 0.93, false),
            model(5, 0.1, 0.47, false));
    var report = ExperimentReport.of(models);
    assertEquals(
        List.of("1 (2)", "0.5 (1)", "0.1 (3)"),
        new ArrayList<>(report.distributionChart().getSeriesMap().keySet()));
    var histogram = report.firstVersusLastChart();
    assertEquals(
        List.of("epsilon 1 (2 models)", "epsilon 0.1 (3 models)"),
        new ArrayList<>(histogram.getSeriesMap().keySet()));
    List<?> first = (List<?>) histogram.getSeriesMap().get("epsilon 1 (2 models)").getYData();
    assertEquals(50.0, (double) first.get(4), 1e-9, "0.21 in [0.20, 0.25)");
    assertEquals(50.0, (double) first.get(8), 1e-9, "0.43 in [0.40, 0.45)");
    List<?> last = (List<?>) histogram.getSeriesMap().get("epsilon 0.1 (3 models)").getYData();
    assertEquals(200.0 / 3, (double) last.get(18), 1e-9, "0.91 and 0.93");
    assertEquals(100.0 / 3, (double) last.get(9), 1e-9, "0.47");
  }

  @Test
  void learningCurvesShowThePredictionAndTheStop() {
    StoredModel done =
        model(0, 1.0, 0.8, false, List.of(0.5, 0.7, 0.75, 0.8), "COMPLETED", Map.of());
    StoredModel stopped =
        model(
            1,
            1.0,
            0.45,
            false,
            List.of(0.3, 0.35),
            "STOPPED_EARLY",
            Map.of(
                Evaluation.STOP_EPOCH, 2.0,
                Evaluation.PREDICTED_FINAL, 0.45,
                Evaluation.PREDICTION_SIGMA, 0.02));
    StoredModel alsoStopped =
        model(2, 1.0, 0.4, false, List.of(0.2, 0.3), "STOPPED_EARLY", stopped.metrics());
    XYChart chart =
        ExperimentReport.of(List.of(done, stopped, alsoStopped)).learningCurves(1, 2, 3);
    assertTrue(
        chart.getSeriesMap().containsKey("iteration 3: predicted final, stopped after epoch 2"));
    var p = chart.getSeriesMap().get("iteration 2: predicted final, stopped after epoch 2");
    assertArrayEquals(new double[] {2, 4}, p.getXData(), 0, "from the stop to the planned epoch");
    assertArrayEquals(new double[] {0.35, 0.45}, p.getYData(), 1e-12);
    assertArrayEquals(new double[] {0, 0.02}, p.getExtraValues(), 1e-12);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExperimentReport.of(List.of(done)).learningCurves(2));
    assertEquals("no iteration 2: the experiment has iterations 1 to 1", e.getMessage());
  }

  @Test
  void writeToWritesEveryTableAndFigureWithRoundedNumbers() throws Exception {
    List<Path> files;
    try (var store = imported()) {
      files = ExperimentReport.of(store).writeTo(dir.resolve("report"), 3);
    }
    Set<String> names =
        files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    for (String base :
        List.of(
            "accuracy",
            "rolling_mean",
            "accuracy_by_epsilon",
            "first_vs_last",
            "learning_curves",
            "q_by_layer_type",
            "q_conv_by_kernel")) {
      assertTrue(names.contains(base + ".png") && names.contains(base + ".svg"), base);
    }
    for (String table :
        List.of(
            "models",
            "by_epsilon",
            "by_epsilon_unique",
            "top_models",
            "q_values",
            "q_visited",
            "q_by_layer_type",
            "q_conv_by_kernel")) {
      assertTrue(names.contains(table + ".csv") && names.contains(table + ".html"), table);
    }
    for (Path f : files) {
      assertTrue(Files.size(f) > 100, f + " is empty");
    }
    String html = Files.readString(dir.resolve("report/by_epsilon.html"));
    assertTrue(html.contains("0.6650"), html);
    assertFalse(html.contains("0.66500000"), html);
    assertTrue(Files.readString(dir.resolve("report/summary.txt")).contains("0.3275"));
  }

  static StoredModel model(int iteration, double epsilon, double reward, boolean reused) {
    return model(iteration, epsilon, reward, reused, List.of(reward), "COMPLETED", Map.of());
  }

  static StoredModel model(
      int iteration,
      double epsilon,
      double reward,
      boolean reused,
      List<Double> curve,
      String status,
      Map<String, Double> metrics) {
    return new StoredModel(
        iteration,
        reused ? -1 : iteration,
        "[C(64,3,1), SM(10)]",
        epsilon,
        reward,
        reused,
        status,
        "",
        1,
        curve,
        metrics);
  }
}
