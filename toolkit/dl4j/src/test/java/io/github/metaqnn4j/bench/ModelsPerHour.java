package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SyntheticEvaluator;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.train.CpuAcceleration;
import io.github.metaqnn4j.train.Devices;
import io.github.metaqnn4j.train.Dl4jEvaluator;
import io.github.metaqnn4j.train.TrainingScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Models per hour on the quick start's work: the first {@code models} architectures the quick
 * start's search samples at epsilon 1 (the small space, seed 1), each trained by Deeplearning4j on
 * its Fashion-MNIST split (5,000 training and 1,000 validation images, batch 128) for {@code
 * epochs}, by {@code workers} threads at once with ND4J's native threads set to {@code threads}.
 * The same networks in every configuration, so the configurations compare. Run with {@code
 * scripts/bench-workers}, which alternates configurations in fresh JVMs.
 */
public final class ModelsPerHour {
  private ModelsPerHour() {}

  public static void main(String[] args) throws Exception {
    int workers = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    int models = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    CpuAcceleration.ensure();
    Nd4j.getEnvironment().setMaxThreads(threads);
    if (threads * workers == Runtime.getRuntime().availableProcessors() && workers > 1) {
      Devices.shareCpu(workers); // what the command line does for --workers on a CPU
    }
    StateSpace space = StateSpace.small().build();
    List<Architecture> archs =
        Search.qLearning(space)
            .evaluator(SyntheticEvaluator.of(a -> 0.5))
            .schedule(EpsilonSchedule.start(1.0, models))
            .seed(1)
            .quiet()
            .run()
            .models()
            .stream()
            .map(ModelRecord::architecture)
            .toList();
    Splits data = Datasets.fashionMnist().validation(1000).subsample(6000).seed(1).load();
    Dl4jEvaluator evaluator =
        Dl4jEvaluator.on(data).scheme(TrainingScheme.paper().epochs(epochs).batchSize(128));
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long start = System.nanoTime();
    List<Future<Evaluation>> futures = new ArrayList<>();
    for (int i = 0; i < archs.size(); i++) {
      long seed = i + 1;
      Architecture a = archs.get(i);
      futures.add(pool.submit(() -> evaluator.evaluate(a, seed)));
    }
    double modelSeconds = 0;
    int failed = 0;
    for (Future<Evaluation> f : futures) {
      Evaluation e = f.get();
      modelSeconds += e.seconds();
      failed += e.failed() ? 1 : 0;
    }
    double wall = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    System.out.printf(
        Locale.ROOT,
        "RESULT workers %d x threads %d (ND4J max threads %d): %d models (%d failed), %d epochs"
            + " each, in %.1f s: %.0f models/hour (mean %.1f s per model on its worker); CPU: %s,"
            + " %d cores%n",
        workers,
        threads,
        Nd4j.getEnvironment().maxThreads(),
        archs.size(),
        failed,
        epochs,
        wall,
        archs.size() * 3600 / wall,
        modelSeconds / archs.size(),
        Provenance.cpuModel(),
        Runtime.getRuntime().availableProcessors());
  }
}
