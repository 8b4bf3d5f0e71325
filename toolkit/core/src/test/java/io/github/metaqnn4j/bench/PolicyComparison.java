package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.analysis.Figures;
import io.github.metaqnn4j.controller.Controller;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.tabular.TabularEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Q-learning, the controller RNN (REINFORCE, three entropy weights) and random search on the same
 * recorded table (fashion-small-d3, 226 networks), over several seeds: the best accuracy found
 * against the number of distinct networks evaluated (a re-sample costs nothing), and how many
 * distinct networks the controller's last 100 samples hold (its collapse onto a few). Prints a
 * table and writes the figure; run with {@code scripts/bench-policies}.
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
    for (long seed = 1; seed <= seeds; seed++) {
      curves
          .computeIfAbsent("random search", k -> new ArrayList<>())
          .add(bestCurve(search(bench, EpsilonSchedule.start(1.0, models), seed), models));
      curves
          .computeIfAbsent("Q-learning", k -> new ArrayList<>())
          .add(bestCurve(search(bench, EpsilonSchedule.paper().scaledTo(models), seed), models));
      for (double entropy : new double[] {0.0, 0.01, 0.05}) {
        String name = "controller, entropy " + entropy;
        Controller c =
            Controller.on(
                space, ControllerSettings.defaults().batch(4).entropyWeight(entropy), seed);
        int[] late = new int[1];
        curves
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add(controllerCurve(c, bench, models, late));
        distinctLate.computeIfAbsent(name, k -> new ArrayList<>()).add(late[0]);
      }
    }
    int[] checkpoints = {10, 25, 50, 100, models};
    System.out.printf(
        "%nbest validation accuracy found after n distinct networks: mean (sd) over %d seeds%n",
        seeds);
    System.out.printf("%-26s", "");
    for (int n : checkpoints) {
      System.out.printf("%16s", "n = " + n);
    }
    System.out.println("   distinct in last 100 samples");
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(500)
            .title("Best accuracy found on the recorded table, mean over " + seeds + " seeds")
            .xAxisTitle("distinct networks evaluated")
            .yAxisTitle("best validation accuracy so far (from 0.80)")
            .build();
    for (var e : curves.entrySet()) {
      System.out.printf("%-26s", e.getKey());
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
                  Locale.ROOT, "   %.1f", late.stream().mapToInt(i -> i).average().orElse(0)));
      double[] x = new double[models];
      double[] y = new double[models];
      for (int i = 0; i < models; i++) {
        x[i] = i + 1;
        final int k = i;
        y[i] = e.getValue().stream().mapToDouble(c -> c[k]).average().orElse(0);
      }
      chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
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

  /**
   * Samples batches until {@code models} distinct networks were evaluated (re-samples are free).
   */
  private static double[] controllerCurve(
      Controller c, TabularEvaluator bench, int models, int[] distinctInLast100) {
    Map<Architecture, Double> seen = new HashMap<>();
    List<Architecture> recent = new ArrayList<>();
    double[] best = new double[models];
    double b = 0;
    int samples = 0;
    while (seen.size() < models && samples < 200_000) {
      List<Architecture> batch = c.sample();
      double[] rewards = new double[batch.size()];
      for (int i = 0; i < rewards.length; i++) {
        Architecture a = batch.get(i);
        Double r = seen.get(a);
        if (r == null && seen.size() < models) {
          r = bench.table().get(a).orElseThrow().bestAccuracy();
          seen.put(a, r);
          b = Math.max(b, r);
          best[seen.size() - 1] = b;
        }
        rewards[i] = r == null ? bench.table().get(a).orElseThrow().bestAccuracy() : r;
        recent.add(a);
        samples++;
      }
      c.learn(batch, rewards);
    }
    for (int i = seen.size(); i < models; i++) {
      best[i] = b; // collapsed before finding this many: the curve stays flat
    }
    distinctInLast100[0] =
        (int)
            recent.subList(Math.max(0, recent.size() - 100), recent.size()).stream()
                .distinct()
                .count();
    return best;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
  }
}
