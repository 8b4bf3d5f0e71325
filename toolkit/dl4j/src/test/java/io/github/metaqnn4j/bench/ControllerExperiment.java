package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.controller.ChoiceSpace;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchListener;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.train.CpuAcceleration;
import io.github.metaqnn4j.train.Dl4jEvaluator;
import io.github.metaqnn4j.train.TrainingScheme;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * The controller-RNN seed's own experiment at CPU scale, as a stored search: 4 convolution layers,
 * kernel {1, 3} and filters {16, 32, 64} (1,296 networks), trained by Deeplearning4j on a
 * Fashion-MNIST subsample for one epoch each; one controller learns from the best validation
 * accuracy with REINFORCE, 4 networks per update. Prints every update, the architecture it
 * converges to, and writes the report with the choice-probability heat map. A re-sampled network is
 * not trained again. Run with {@code scripts/bench-controller}; run again to resume.
 */
public final class ControllerExperiment {
  private ControllerExperiment() {}

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 2_500;
    Path store = Path.of(args.length > 2 ? args[2] : "target/controller-experiment.db");
    CpuAcceleration.ensure();
    System.out.printf(
        Locale.ROOT,
        "CPU: %s, %d cores; metaqnn4j %s%n",
        Provenance.cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        Provenance.version());
    ChoiceSpace space =
        ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
    Splits data = Datasets.fashionMnist().validation(500).subsample(images).seed(1).load();
    long start = System.nanoTime();
    SearchResult r =
        Search.controller(space)
            .controller(ControllerSettings.defaults().batch(4))
            .evaluator(Dl4jEvaluator.on(data).scheme(TrainingScheme.paper().epochs(1)))
            .scheduleCountsSamples()
            .models(samples)
            .seed(1)
            .store(store)
            .quiet()
            .listener(progress(start))
            .run();
    double seconds = (System.nanoTime() - start) / 1e9;
    ModelRecord best =
        r.models().stream().max(Comparator.comparingDouble(ModelRecord::reward)).orElseThrow();
    double greedyReward =
        r.models().stream()
            .filter(m -> m.architecture().equals(r.greedy()))
            .mapToDouble(ModelRecord::reward)
            .findFirst()
            .orElse(Double.NaN);
    double lateMean =
        r.history().subList(Math.max(0, r.history().size() - 40), r.history().size()).stream()
            .mapToDouble(ModelRecord::reward)
            .average()
            .orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%s after %d samples, %d networks trained (of %d), %.0f s in this process%n"
            + "converged to %s (validation %.4f); best trained %s at %.4f;"
            + " mean reward of the last 40 samples %.4f%n",
        r.status(),
        r.history().size(),
        r.models().size(),
        space.size(),
        seconds,
        r.greedy(),
        greedyReward,
        best.architecture(),
        best.reward(),
        lateMean);
    Path report = store.resolveSibling(store.getFileName() + "-report");
    try (var s = ExperimentStore.open(store)) {
      ExperimentReport.of(s).writeTo(report, 10);
    }
    System.out.println("report: " + report.toAbsolutePath());
  }

  /** One line per REINFORCE update: the mean reward of its 4 samples and the networks so far. */
  private static SearchListener progress(long start) {
    return new SearchListener() {
      private double sum;
      private int trained;

      @Override
      public void modelFinished(ModelRecord r) {
        sum += r.reward();
        trained += r.reused() ? 0 : 1;
        if ((r.iteration() + 1) % 4 == 0) {
          System.out.printf(
              Locale.ROOT,
              "update %3d: mean reward %.4f, %d networks trained here, %.0f s%n",
              (r.iteration() + 1) / 4,
              sum / 4,
              trained,
              (System.nanoTime() - start) / 1e9);
          sum = 0;
        }
      }
    };
  }
}
