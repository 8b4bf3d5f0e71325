package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.analysis.PredictionPlots;
import io.github.metaqnn4j.predict.CurvePredictor;
import io.github.metaqnn4j.predict.EarlyStopping;
import io.github.metaqnn4j.predict.Observation;
import io.github.metaqnn4j.predict.PredictionQuality;
import io.github.metaqnn4j.search.EarlyStoppingPolicy;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.tabular.TabularEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;

/**
 * Learning-curve prediction and early stopping on the recorded tables (scripts/bench-predict):
 * predictor quality on held-out curves and on the second table, fit and predict time on 100 curves,
 * and simulated searches with each stopping rule.
 */
public final class PredictionBenchmark {
  private static final double[] FRACTIONS = {0.1, 0.25, 0.5, 0.75};

  private PredictionBenchmark() {}

  public static void main(String[] args) {
    Path data = Path.of(args.length > 0 ? args[0] : "../../data");
    TabularEvaluator main = TabularEvaluator.read(data.resolve("fashion-small-d3.csv"));
    TabularEvaluator second = TabularEvaluator.read(data.resolve("fashion-wide-d2.csv"));
    System.out.printf(
        Locale.ROOT,
        "CPU: %s, %d cores; metaqnn4j %s%n",
        Provenance.cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        Provenance.version());
    List<Observation> all = main.table().observations();
    List<Observation> a = new ArrayList<>();
    List<Observation> b = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (i % 2 == 0 ? a : b).add(all.get(i));
    }
    System.out.printf(
        "%n== Prediction of the final accuracy y_T (T = %d), R^2 / MAE ==%n",
        all.get(0).curve().size());
    var heldOut = quality("main table: fit on " + a.size() + ", held out " + b.size(), a, b);
    Path chart = Path.of(System.getProperty("java.io.tmpdir"), "prediction-r2");
    try {
      BitmapEncoder.saveBitmap(PredictionPlots.r2(heldOut), chart.toString(), BitmapFormat.PNG);
      System.out.println("  (R^2 chart: " + chart + ".png)");
    } catch (java.io.IOException e) {
      System.out.println("  (no chart: " + e.getMessage() + ")");
    }
    quality(
        "second table ("
            + second.table().size()
            + " other architectures), fit on all "
            + all.size(),
        all,
        second.table().observations());
    timing(all);
    simulate(main);
  }

  private static List<PredictionQuality> quality(
      String title, List<Observation> fit, List<Observation> test) {
    List<PredictionQuality> all = new ArrayList<>();
    System.out.println("\n" + title);
    System.out.printf("  %-12s", "predictor");
    for (double f : FRACTIONS) {
      System.out.printf(Locale.ROOT, "  %5.0f%% of the curve", f * 100);
    }
    System.out.println();
    for (CurvePredictor p : CurvePredictor.all()) {
      System.out.printf("  %-12s", p.name());
      for (PredictionQuality q : PredictionQuality.measure(p, fit, test, FRACTIONS)) {
        System.out.printf(Locale.ROOT, "  %6.3f / %6.4f (t=%d)", q.r2(), q.mae(), q.epoch());
        all.add(q);
      }
      System.out.println();
    }
    return all;
  }

  private static void timing(List<Observation> all) {
    List<Observation> hundred = all.subList(0, 100);
    System.out.println("\n== Fit and predict on 100 curves (median of 5 rounds) ==");
    List<CurvePredictor> predictors = new ArrayList<>(CurvePredictor.all());
    predictors.add(1, CurvePredictor.svr(10, 0.5, 0.02));
    for (CurvePredictor p : predictors) {
      double[] fit = new double[5];
      double[] predict = new double[5];
      for (int r = 0; r < 5; r++) {
        long t0 = System.nanoTime();
        var fitted = p.fit(hundred);
        long t1 = System.nanoTime();
        int t = Math.max(1, fitted.epochs() / 4);
        for (Observation o : hundred) {
          fitted.predict(o.architecture(), o.prefix(t));
        }
        long t2 = System.nanoTime();
        fit[r] = (t1 - t0) / 1e6;
        predict[r] = (t2 - t1) / 1e6;
      }
      Arrays.sort(fit);
      Arrays.sort(predict);
      System.out.printf(
          Locale.ROOT,
          "  %-15s fit %8.1f ms (the %d per-epoch models, search and cross-validation"
              + " included), 100 predictions %6.2f ms%n",
          p.name(),
          fit[2],
          hundred.get(0).curve().size() - 1,
          predict[2]);
    }
  }

  private static void simulate(TabularEvaluator bench) {
    int models = 150;
    long[] seeds = {1, 2, 3};
    Map<String, EarlyStoppingPolicy> rules = new LinkedHashMap<>();
    rules.put("none", null);
    for (double d : new double[] {0.9, 0.95, 0.99, 0.999}) {
      rules.put("predicted D=" + d, EarlyStopping.predicted().delta(d).burnIn(20));
    }
    rules.put("median", EarlyStopping.median().warmUp(10));
    rules.put("halving eta=3", EarlyStopping.successiveHalving().eta(3));
    System.out.printf(
        "%n== Simulated searches: %d models of %d (the paper's schedule scaled), seeds %s ==%n",
        models, bench.table().size(), Arrays.toString(seeds));
    System.out.println(
        "  rule              epochs  speed-up  hours   stopped  best final  top-5 of the full"
            + " search trained fully");
    Map<Long, List<Architecture>> top5 = new LinkedHashMap<>();
    int fullEpochs = 0;
    for (var rule : rules.entrySet()) {
      int epochs = 0;
      double seconds = 0;
      int stopped = 0;
      int found = 0;
      double best = 0;
      for (long seed : seeds) {
        var builder =
            Search.qLearning(bench.space())
                .evaluator(bench)
                .schedule(EpsilonSchedule.paper().scaledTo(models))
                .maxResamples(100_000)
                .seed(seed)
                .quiet();
        if (rule.getValue() != null) {
          builder.earlyStopping(rule.getValue());
        }
        SearchResult r = builder.run();
        for (ModelRecord m : r.models()) {
          epochs += m.evaluation().curve().size();
          seconds += m.evaluation().seconds();
          if (m.evaluation().status() == Evaluation.Status.STOPPED_EARLY) {
            stopped++;
          }
        }
        List<Architecture> fully =
            r.models().stream()
                .filter(m -> m.evaluation().status() == Evaluation.Status.COMPLETED)
                .map(ModelRecord::architecture)
                .toList();
        if (rule.getValue() == null) {
          top5.put(
              seed,
              r.models().stream()
                  .sorted(Comparator.comparingDouble(ModelRecord::reward).reversed())
                  .limit(5)
                  .map(ModelRecord::architecture)
                  .toList());
        }
        Set<Architecture> trained = Set.copyOf(fully);
        found += (int) top5.get(seed).stream().filter(trained::contains).count();
        best +=
            fully.stream()
                    .mapToDouble(x -> bench.table().get(x).orElseThrow().finalAccuracy())
                    .max()
                    .orElse(0)
                / seeds.length;
      }
      if (rule.getValue() == null) {
        fullEpochs = epochs;
      }
      System.out.printf(
          Locale.ROOT,
          "  %-16s %7d  %7.2fx  %5.2f  %7d  %10.4f  %d of %d%n",
          rule.getKey(),
          epochs,
          (double) fullEpochs / epochs,
          seconds / 3600,
          stopped,
          best,
          found,
          5 * seeds.length);
    }
    System.out.println(
        "  (sums over the seeds; hours: the recorded training time of the epochs trained)");
    System.out.println(
        "  top-5: "
            + top5.values().stream()
                .map(l -> l.stream().map(Architecture::toString).collect(Collectors.joining(" ")))
                .findFirst()
                .orElse(""));
  }
}
