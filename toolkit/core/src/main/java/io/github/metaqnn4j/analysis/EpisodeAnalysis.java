package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoredEpisode;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The episodes of a training controller (QAN): what it chose and what it got. Figures: the learning
 * rate over time per episode (the visualisation QAN's README promised), the episode return against
 * episode, and validation accuracy against epochs for any runs side by side.
 *
 * <pre>{@code
 * var episodes = EpisodeAnalysis.of(store);     // or of(qanResult.episodes())
 * episodes.table();                             // episode, epsilon, return, final accuracy
 * episodes.learningRateChart();
 * EpisodeAnalysis.accuracyChart(Map.of("controller", greedy, "lr 1e-3", fixed));
 * }</pre>
 */
public final class EpisodeAnalysis {
  private final List<StoredEpisode> episodes;

  private EpisodeAnalysis(List<StoredEpisode> episodes) {
    this.episodes = List.copyOf(episodes);
  }

  public static EpisodeAnalysis of(List<StoredEpisode> episodes) {
    return new EpisodeAnalysis(episodes);
  }

  public static EpisodeAnalysis of(ExperimentStore store) {
    return of(store.episodes());
  }

  /** One row per episode: episode (from 1), epsilon, return, final accuracy, steps, seconds. */
  public Table table() {
    Table t =
        Table.create(
            "episodes",
            IntColumn.create("episode"),
            DoubleColumn.create("epsilon"),
            DoubleColumn.create("return"),
            DoubleColumn.create("final accuracy"),
            IntColumn.create("steps"),
            DoubleColumn.create("seconds"));
    for (StoredEpisode e : episodes) {
      t.intColumn("episode").append(e.episode() + 1);
      t.doubleColumn("epsilon").append(e.epsilon());
      t.doubleColumn("return").append(e.episodeReturn());
      t.doubleColumn("final accuracy").append(e.finalAccuracy());
      t.intColumn("steps").append(e.steps().size());
      t.doubleColumn("seconds").append(e.seconds());
    }
    return ModelTable.formatted(t);
  }

  /**
   * Every step of every episode: episode (from 1), step, action, rate, reward, losses, accuracy.
   */
  public Table steps() {
    Table t =
        Table.create(
            "steps",
            IntColumn.create("episode"),
            IntColumn.create("step"),
            IntColumn.create("action"),
            DoubleColumn.create("learning rate"),
            DoubleColumn.create("reward"),
            DoubleColumn.create("training loss"),
            DoubleColumn.create("validation loss"),
            DoubleColumn.create("validation accuracy"),
            DoubleColumn.create("epochs"));
    for (StoredEpisode e : episodes) {
      for (StoredEpisode.Step s : e.steps()) {
        t.intColumn("episode").append(e.episode() + 1);
        t.intColumn("step").append(s.step());
        t.intColumn("action").append(s.action());
        t.doubleColumn("learning rate").append(s.learningRate());
        t.doubleColumn("reward").append(s.reward());
        t.doubleColumn("training loss").append(s.trainingLoss());
        t.doubleColumn("validation loss").append(s.validationLoss());
        t.doubleColumn("validation accuracy").append(s.validationAccuracy());
        t.doubleColumn("epochs").append(s.epochs());
      }
    }
    ModelTable.formatted(t);
    t.doubleColumn("learning rate").setPrintFormatter(NumberColumnFormatter.standard());
    return t;
  }

  /**
   * The learning rate over each episode (log scale), one line per episode, light grey for the first
   * and dark blue for the last.
   */
  public XYChart learningRateChart() {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(450)
            .title("Learning rate chosen by the controller, per episode")
            .xAxisTitle("epochs trained")
            .yAxisTitle("learning rate (log scale)")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendVisible(episodes.size() <= 12);
    for (int i = 0; i < episodes.size(); i++) {
      StoredEpisode e = episodes.get(i);
      double[] x = e.steps().stream().mapToDouble(StoredEpisode.Step::epochs).toArray();
      double[] y = e.steps().stream().mapToDouble(StoredEpisode.Step::learningRate).toArray();
      if (x.length == 0) {
        continue;
      }
      var s = chart.addSeries("episode " + (e.episode() + 1), x, y);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(shade(i, episodes.size()));
    }
    return chart;
  }

  /** Episode return and final validation accuracy against episode. */
  public XYChart returnChart() {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(400)
            .title("Episode return and final validation accuracy")
            .xAxisTitle("episode")
            .yAxisTitle("return (fall of validation loss + final accuracy) / accuracy")
            .build();
    double[] x = episodes.stream().mapToDouble(e -> e.episode() + 1).toArray();
    if (x.length > 0) {
      chart.addSeries(
          "return", x, episodes.stream().mapToDouble(StoredEpisode::episodeReturn).toArray());
      chart.addSeries(
          "final validation accuracy",
          x,
          episodes.stream().mapToDouble(StoredEpisode::finalAccuracy).toArray());
    }
    return chart;
  }

  /**
   * Validation accuracy against epochs for runs side by side (a learned controller, fixed
   * schedules), each a list of steps.
   */
  public static XYChart accuracyChart(Map<String, List<StoredEpisode.Step>> runs) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(450)
            .title("Validation accuracy against epochs")
            .xAxisTitle("epochs trained")
            .yAxisTitle("validation accuracy")
            .build();
    int i = 0;
    for (var run : runs.entrySet()) {
      List<StoredEpisode.Step> steps = run.getValue();
      if (!steps.isEmpty()) {
        var series =
            chart.addSeries(
                run.getKey(),
                steps.stream().mapToDouble(StoredEpisode.Step::epochs).toArray(),
                steps.stream().mapToDouble(StoredEpisode.Step::validationAccuracy).toArray());
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(Palette.series(i++)); // XChart's own colours repeat a yellow
      }
    }
    return chart;
  }

  /**
   * The first step (from 1) at which a run's validation accuracy reaches {@code target}, if it
   * does: how fast a schedule gets somewhere.
   */
  public static OptionalInt stepReaching(List<StoredEpisode.Step> steps, double target) {
    for (StoredEpisode.Step s : steps) {
      if (s.validationAccuracy() >= target) {
        return OptionalInt.of(s.step() + 1);
      }
    }
    return OptionalInt.empty();
  }

  /** Writes episodes and steps (CSV, HTML) and the two figures (PNG, SVG) into {@code dir}. */
  public List<Path> writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    out.addAll(ExperimentReport.writeTable(table(), dir, "episodes"));
    out.addAll(ExperimentReport.writeTable(steps(), dir, "episode_steps"));
    out.addAll(Figures.save(learningRateChart(), dir.resolve("learning_rates")));
    out.addAll(Figures.save(returnChart(), dir.resolve("episode_returns")));
    return out;
  }

  private static Color shade(int i, int n) {
    double f = n <= 1 ? 1 : (double) i / (n - 1);
    int r = (int) Math.round(200 - f * (200 - 8));
    int g = (int) Math.round(200 - f * (200 - 48));
    int b = (int) Math.round(200 - f * (200 - 107));
    return new Color(r, g, b);
  }
}
