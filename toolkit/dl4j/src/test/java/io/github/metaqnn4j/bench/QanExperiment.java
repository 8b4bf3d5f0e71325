package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.analysis.EpisodeAnalysis;
import io.github.metaqnn4j.analysis.Figures;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.store.StoredEpisode;
import io.github.metaqnn4j.train.CpuAcceleration;
import io.github.metaqnn4j.train.TrainingScheme;
import io.github.metaqnn4j.train.qan.Qan;
import io.github.metaqnn4j.train.qan.QanListener;
import io.github.metaqnn4j.train.qan.QanResult;
import io.github.metaqnn4j.train.qan.QanSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * QAN on Fashion-MNIST at CPU scale: a DQN learns to set the learning rate of one CNN over {@code
 * episodes} training runs, with and without meta-momentum, each from fresh initial weights per
 * episode and from the same start in every episode; then the learned controllers train fresh
 * networks (greedily) against the fixed paper schedule and a grid of constant rates, over {@code
 * seeds} initialisations. Prints every episode, the epochs each schedule needs to reach the fixed
 * schedule's final validation accuracy, and writes the figures. Run with {@code scripts/bench-qan};
 * run again to resume (the stores keep every episode).
 */
public final class QanExperiment {
  private static final String ARCH = "[C(32,3,1), P(2,2), C(64,3,1), P(2,2), FC(128), SM(10)]";
  private static final double[] GRID = {3e-4, 1e-3, 3e-3, 1e-2};

  private QanExperiment() {}

  public static void main(String[] args) {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path out = Path.of(args.length > 3 ? args[3] : "target/qan-experiment");
    long start = System.nanoTime();
    CpuAcceleration.ensure();
    System.out.printf(
        Locale.ROOT,
        "CPU: %s, %d cores; metaqnn4j %s%nnetwork %s; Fashion-MNIST, 5,000 training and 1,000"
            + " validation images; %d epochs per episode; %d episodes%n",
        Provenance.cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        Provenance.version(),
        ARCH,
        epochs,
        episodes);
    Splits data = Datasets.fashionMnist().validation(1000).subsample(6000).seed(1).load();
    TrainingScheme scheme = TrainingScheme.paper().dropout(false);
    QanSettings base = QanSettings.defaults().stepBatches(5).epochs(epochs);

    Map<String, QanResult> learned = new LinkedHashMap<>();
    for (boolean same : new boolean[] {false, true}) {
      for (double mm : new double[] {0, 0.1}) {
        String name =
            "QAN" + (same ? ", same start" : "") + (mm == 0 ? "" : ", meta-momentum " + mm);
        String file = "qan" + (same ? "-same" : "") + (mm == 0 ? "" : "-mm") + ".db";
        QanSettings settings = base.metaMomentum(mm);
        System.out.println(name + ":");
        learned.put(
            name,
            Qan.on(data)
                .architecture(ARCH)
                .scheme(scheme)
                .settings(same ? settings.sameStartEachEpisode() : settings)
                .episodes(episodes)
                .seed(1)
                .store(out.resolve(file))
                .listener(episodeLine())
                .run());
      }
    }

    // fresh networks (seeds 1001..) trained by each schedule; the same steps for all
    QanResult any = learned.values().iterator().next();
    Map<String, List<List<StoredEpisode.Step>>> runs = new LinkedHashMap<>();
    for (int k = 0; k < seeds; k++) {
      long seed = 1001 + k;
      runs.computeIfAbsent("fixed (paper: Adam 1e-3, x0.2 every 5 epochs)", x -> new ArrayList<>())
          .add(any.fixedRun(data, seed, e -> scheme.learningRateAt(1 + (int) e, 0)));
      for (double rate : GRID) {
        runs.computeIfAbsent(
                String.format(Locale.ROOT, "constant %.0e", rate), x -> new ArrayList<>())
            .add(any.fixedRun(data, seed, e -> rate));
      }
      for (var e : learned.entrySet()) {
        runs.computeIfAbsent(e.getKey() + " (greedy)", x -> new ArrayList<>())
            .add(e.getValue().greedyRun(data, seed));
      }
    }
    Map<String, List<StoredEpisode.Step>> mean = new LinkedHashMap<>();
    runs.forEach((name, list) -> mean.put(name, meanSteps(list)));
    String fixed = mean.keySet().iterator().next();
    double target = last(mean.get(fixed)).validationAccuracy();
    String bestConstant =
        mean.keySet().stream()
            .filter(n -> n.startsWith("constant"))
            .max(java.util.Comparator.comparingDouble(n -> last(mean.get(n)).validationAccuracy()))
            .orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "%nfresh networks, mean over %d seeds; target: the fixed schedule's final validation"
            + " accuracy %.4f after %d epochs%n%-48s %10s %12s%n",
        seeds,
        target,
        epochs,
        "schedule",
        "final acc",
        "reaches at");
    mean.forEach(
        (name, steps) -> {
          OptionalInt at = EpisodeAnalysis.stepReaching(steps, target);
          System.out.printf(
              Locale.ROOT,
              "%-48s %10.4f %12s%n",
              name,
              last(steps).validationAccuracy(),
              at.isPresent()
                  ? String.format(Locale.ROOT, "%.2f epochs", steps.get(at.getAsInt() - 1).epochs())
                  : "never");
        });
    System.out.println("best constant rate: " + bestConstant);

    Map<String, List<StoredEpisode.Step>> shown = new LinkedHashMap<>();
    shown.put(fixed, mean.get(fixed));
    shown.put(bestConstant + " (best of the grid)", mean.get(bestConstant));
    learned.keySet().forEach(n -> shown.put(n + " (greedy)", mean.get(n + " (greedy)")));
    XYChart accuracy = EpisodeAnalysis.accuracyChart(shown);
    accuracy.setTitle("Validation accuracy against epochs, fresh networks, mean of " + seeds);
    accuracy.getStyler().setYAxisMin(Math.max(0, target - 0.15));
    System.out.println("figure: " + Figures.save(accuracy, out.resolve("accuracy_vs_epochs")));
    int k = 0;
    for (var e : learned.entrySet()) {
      XYChart rates = e.getValue().learningRateChart();
      rates.setTitle("Learning rate per episode (light: first, dark: last): " + e.getKey());
      System.out.println("figure: " + Figures.save(rates, out.resolve("learning-rates-" + (++k))));
    }
    System.out.println("figure: " + Figures.save(returns(learned), out.resolve("episode_returns")));
    System.out.printf(
        "%nlearning, by episodes: mean return | mean final validation accuracy%n%-40s %18s %18s %22s%n",
        "", "episodes 1-5", "episodes 6-10", "last 5 (epsilon 0.05)");
    for (var e : learned.entrySet()) {
      List<StoredEpisode> list = e.getValue().episodes();
      int n = list.size();
      System.out.printf(
          Locale.ROOT,
          "%-40s %18s %18s %22s%n",
          e.getKey(),
          window(list, 0, Math.min(5, n)),
          window(list, Math.min(5, n), Math.min(10, n)),
          window(list, Math.max(0, n - 5), n));
    }
    System.out.printf(Locale.ROOT, "whole experiment: %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  private static QanListener episodeLine() {
    return new QanListener() {
      @Override
      public void episodeFinished(StoredEpisode e) {
        double meanRate =
            e.steps().stream().mapToDouble(StoredEpisode.Step::learningRate).average().orElse(0);
        System.out.printf(
            Locale.ROOT,
            "  episode %2d: epsilon %.2f, return %.3f, final validation accuracy %.4f, mean"
                + " learning rate %.2e, %.0f s%n",
            e.episode() + 1,
            e.epsilon(),
            e.episodeReturn(),
            e.finalAccuracy(),
            meanRate,
            e.seconds());
      }
    };
  }

  /** Mean return and mean final accuracy of episodes {@code from} to {@code to} (exclusive). */
  private static String window(List<StoredEpisode> episodes, int from, int to) {
    if (from >= to) {
      return "-";
    }
    List<StoredEpisode> w = episodes.subList(from, to);
    return String.format(
        Locale.ROOT,
        "%.3f | %.4f",
        w.stream().mapToDouble(StoredEpisode::episodeReturn).average().orElse(0),
        w.stream().mapToDouble(StoredEpisode::finalAccuracy).average().orElse(0));
  }

  private static XYChart returns(Map<String, QanResult> learned) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(400)
            .title("Episode return (fall of validation loss + final accuracy)")
            .xAxisTitle("episode")
            .yAxisTitle("return")
            .build();
    learned.forEach(
        (name, r) ->
            chart
                .addSeries(
                    name,
                    r.episodes().stream().mapToDouble(e -> e.episode() + 1).toArray(),
                    r.episodes().stream().mapToDouble(StoredEpisode::episodeReturn).toArray())
                .setMarker(SeriesMarkers.CIRCLE));
    return chart;
  }

  private static StoredEpisode.Step last(List<StoredEpisode.Step> steps) {
    return steps.get(steps.size() - 1);
  }

  /** Step by step means of runs of the same length (rates, losses, accuracies). */
  private static List<StoredEpisode.Step> meanSteps(List<List<StoredEpisode.Step>> runs) {
    int n = runs.stream().mapToInt(List::size).min().orElse(0);
    List<StoredEpisode.Step> out = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      final int i = t;
      out.add(
          new StoredEpisode.Step(
              t,
              -1,
              runs.stream().mapToDouble(r -> r.get(i).learningRate()).average().orElse(0),
              runs.stream().mapToDouble(r -> r.get(i).reward()).average().orElse(0),
              runs.stream().mapToDouble(r -> r.get(i).trainingLoss()).average().orElse(0),
              runs.stream().mapToDouble(r -> r.get(i).validationLoss()).average().orElse(0),
              runs.stream().mapToDouble(r -> r.get(i).validationAccuracy()).average().orElse(0),
              runs.get(0).get(i).epochs()));
    }
    return out;
  }
}
