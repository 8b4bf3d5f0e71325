package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.analysis.Figures;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.tabular.TabularEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Q-learning, the controller RNN (REINFORCE: three entropy weights, one controller or four pooled)
 * and random search on the same recorded table (fashion-small-d3, 226 networks), over several
 * seeds, every one a {@link Search} on the same evaluator: the best accuracy found against the
 * number of distinct networks evaluated (a re-sample costs nothing), how many distinct networks the
 * controller's last 100 samples hold (its collapse onto a few) and how many samples it drew. Prints
 * a table and writes the figure; run with {@code scripts/bench-policies}.
 */
public final class PolicyComparison {
  private PolicyComparison() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int models = args.length > 1 ? Integer.parseInt(args[1]) : 150;
    Path figure = Path.of(args.length > 2 ? args[2] : "target/policy-comparison");
    TabularEvaluator bench = TabularEvaluator.fashionMnistSmall();
    StateSpace space = bench.space();
    System.out.printf(
        Locale.ROOT,
        "CPU: %s, %d cores; metaqnn4j %s%n%s: %d networks; %d seeds, %d distinct networks each%n",
        Provenance.cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        Provenance.version(),
        bench.table().name(),
        bench.table().size(),
        seeds,
        models);
    Map<String, List<double[]>> curves = new LinkedHashMap<>();
    Map<String, List<Integer>> distinctLate = new LinkedHashMap<>();
    Map<String, List<Integer>> samplesNeeded = new LinkedHashMap<>();
    for (long seed = 1; seed <= seeds; seed++) {
      curves
          .computeIfAbsent("random search", k -> new ArrayList<>())
          .add(bestCurve(search(bench, EpsilonSchedule.start(1.0, models), seed), models));
      curves
          .computeIfAbsent("Q-learning", k -> new ArrayList<>())
          .add(bestCurve(search(bench, EpsilonSchedule.paper().scaledTo(models), seed), models));
      for (ControllerSettings settings : CONTROLLERS) {
        String name = name(settings);
        SearchResult r = controllerSearch(bench, settings, models, seed);
        curves.computeIfAbsent(name, k -> new ArrayList<>()).add(bestCurve(r, models));
        List<ModelRecord> h = r.history();
        distinctLate
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add(
                (int)
                    h.subList(Math.max(0, h.size() - 100), h.size()).stream()
                        .map(ModelRecord::architecture)
                        .distinct()
                        .count());
        samplesNeeded.computeIfAbsent(name, k -> new ArrayList<>()).add(r.history().size());
      }
    }
    int[] checkpoints = {10, 25, 50, 100, models};
    System.out.printf(
        "%nbest validation accuracy found after n distinct networks: mean (sd) over %d seeds%n",
        seeds);
    System.out.printf("%-28s", "");
    for (int n : checkpoints) {
      System.out.printf("%16s", "n = " + n);
    }
    System.out.println("   distinct in last 100 samples | samples drawn (mean)");
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(500)
            .title("Best accuracy found on the recorded table, mean over " + seeds + " seeds")
            .xAxisTitle("distinct networks evaluated")
            .yAxisTitle("best validation accuracy so far (from 0.80)")
            .build();
    for (var e : curves.entrySet()) {
      System.out.printf("%-28s", e.getKey());
      for (int n : checkpoints) {
        double[] at = e.getValue().stream().mapToDouble(c -> c[n - 1]).toArray();
        System.out.printf(
            Locale.ROOT, "%16s", String.format(Locale.ROOT, "%.4f (%.4f)", mean(at), sd(at)));
      }
      List<Integer> late = distinctLate.get(e.getKey());
      System.out.println(
          late == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "   %.1f | %.0f",
                  late.stream().mapToInt(i -> i).average().orElse(0),
                  samplesNeeded.get(e.getKey()).stream().mapToInt(i -> i).average().orElse(0)));
      double[] x = new double[models];
      double[] y = new double[models];
      for (int i = 0; i < models; i++) {
        x[i] = i + 1;
        final int k = i;
        y[i] = e.getValue().stream().mapToDouble(c -> c[k]).average().orElse(0);
      }
      var series = chart.addSeries(e.getKey(), x, y);
      series.setMarker(SeriesMarkers.NONE);
      series.setLineColor(COLORS[chart.getSeriesMap().size() - 1]);
      if (e.getKey().startsWith("4 controllers")) {
        series.setLineStyle(SeriesLines.DASH_DASH); // pooled: dashed
      }
    }
    chart.getStyler().setYAxisMin(0.80); // where the methods differ; the first networks lie lower
    System.out.println("figure: " + Figures.save(chart, figure));
  }

  private static SearchResult search(TabularEvaluator bench, EpsilonSchedule schedule, long seed) {
    return Search.qLearning(bench.space())
        .evaluator(bench)
        .schedule(schedule)
        .seed(seed)
        .maxResamples(100_000)
        .quiet()
        .run();
  }

  private static double[] bestCurve(SearchResult r, int models) {
    double[] best = new double[models];
    double b = 0;
    for (int i = 0; i < models; i++) {
      if (i < r.models().size()) {
        b = Math.max(b, r.models().get(i).reward());
      }
      best[i] = b;
    }
    return best;
  }

  /** One distinct colour per method (XChart's default palette repeats within seven). */
  private static final java.awt.Color[] COLORS = {
    new java.awt.Color(0x7f7f7f),
    new java.awt.Color(0x1f77b4),
    new java.awt.Color(0xd62728),
    new java.awt.Color(0x2ca02c),
    new java.awt.Color(0x9467bd),
    new java.awt.Color(0xff7f0e),
    new java.awt.Color(0x17becf)
  };

  /** The controllers compared: the seed's (no entropy), entropy bonuses, pooled controllers. */
  private static final List<ControllerSettings> CONTROLLERS =
      List.of(
          ControllerSettings.defaults().entropyWeight(0),
          ControllerSettings.defaults().entropyWeight(0.01),
          ControllerSettings.defaults().entropyWeight(0.05),
          ControllerSettings.defaults().entropyWeight(0).controllers(4),
          ControllerSettings.defaults().entropyWeight(0.01).controllers(4));

  private static String name(ControllerSettings s) {
    return (s.controllers() == 1 ? "controller" : s.controllers() + " controllers")
        + ", entropy "
        + s.entropyWeight();
  }

  /**
   * A controller search until {@code models} distinct networks were evaluated (re-samples cost
   * nothing but count as samples); a controller that collapses ends it after 3,000 re-samples in a
   * row, and its curve stays flat.
   */
  private static SearchResult controllerSearch(
      TabularEvaluator bench, ControllerSettings settings, int models, long seed) {
    return Search.controller(bench.space())
        .controller(settings)
        .evaluator(bench)
        .models(models)
        .seed(seed)
        .maxResamples(3_000)
        .quiet()
        .run();
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
  }
}
