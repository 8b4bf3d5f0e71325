package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.tabular.CurveTable;
import io.github.metaqnn4j.tabular.TabularEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Random search, Q-learning (the paper's schedule scaled to the budget) and the controller RNN on
 * the large recorded table, over many seeds at equal budgets of distinct networks: the best final
 * validation accuracy found (mean and spread), the rank of that network among all of the table's,
 * and how often each finds the table's top 1 and one of its top 10. Run with {@code
 * scripts/bench-race}.
 */
public final class SearchRace {
  private SearchRace() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int[] budgets = {100, 200, 400};
    if (args.length > 1) {
      budgets = java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    }
    TabularEvaluator bench = TabularEvaluator.fashionMnistLarge();
    CurveTable table = bench.table();
    List<Double> finals = new ArrayList<>();
    Map<Architecture, Double> last = new HashMap<>();
    for (CurveTable.Curve c : table.curves()) {
      double v = c.validation().isEmpty() ? 0 : c.validation().get(c.validation().size() - 1);
      finals.add(v);
      last.put(c.architecture(), v);
    }
    finals.sort(Comparator.reverseOrder());
    System.out.printf(
        Locale.ROOT,
        "CPU: %s, %d cores; metaqnn4j %s%n%s: %d networks, best %.4f, 10th %.4f, median %.4f;"
            + " %d seeds%n",
        Provenance.cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        Provenance.version(),
        table.name(),
        table.size(),
        finals.get(0),
        finals.get(9),
        finals.get(finals.size() / 2),
        seeds);
    Map<String, BiFunction<Integer, Long, SearchResult>> methods = new LinkedHashMap<>();
    methods.put(
        "random search", (n, seed) -> qLearning(bench, EpsilonSchedule.start(1.0, n), seed));
    methods.put(
        "Q-learning", (n, seed) -> qLearning(bench, EpsilonSchedule.paper().scaledTo(n), seed));
    methods.put(
        "controller RNN",
        (n, seed) ->
            Search.controller(bench.space())
                .controller(ControllerSettings.defaults())
                .evaluator(bench)
                .models(n)
                .seed(seed)
                .maxResamples(3_000)
                .quiet()
                .run());
    System.out.printf(
        "%n%-16s %7s %18s %12s %12s %8s %8s%n",
        "method", "budget", "best found (sd)", "rank mean", "rank median", "top 1", "top 10");
    for (int n : budgets) {
      for (var m : methods.entrySet()) {
        double[] best = new double[seeds];
        int[] rank = new int[seeds];
        int top1 = 0;
        int top10 = 0;
        for (int s = 0; s < seeds; s++) {
          SearchResult r = m.getValue().apply(n, (long) s + 1);
          double b = 0;
          for (var model : r.models()) {
            b = Math.max(b, last.getOrDefault(model.architecture(), 0.0));
          }
          best[s] = b;
          double found = b;
          rank[s] = 1 + (int) finals.stream().filter(v -> v > found).count();
          top1 += rank[s] == 1 ? 1 : 0;
          top10 += rank[s] <= 10 ? 1 : 0;
        }
        int[] sorted = rank.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(
            Locale.ROOT,
            "%-16s %7d %18s %12.1f %12.1f %7d%% %7d%%%n",
            m.getKey(),
            n,
            String.format(
                Locale.ROOT, "%.4f (%.4f)", PolicyComparison.mean(best), PolicyComparison.sd(best)),
            java.util.Arrays.stream(rank).average().orElse(0),
            (sorted[(seeds - 1) / 2] + sorted[seeds / 2]) / 2.0,
            100 * top1 / seeds,
            100 * top10 / seeds);
      }
    }
    System.out.println(
        "best found: the highest final validation accuracy among the distinct networks evaluated;"
            + " rank 1 = the table's best.");
  }

  private static SearchResult qLearning(
      TabularEvaluator bench, EpsilonSchedule schedule, long seed) {
    return Search.qLearning(bench.space())
        .evaluator(bench)
        .schedule(schedule)
        .seed(seed)
        .maxResamples(100_000)
        .quiet()
        .run();
  }
}
