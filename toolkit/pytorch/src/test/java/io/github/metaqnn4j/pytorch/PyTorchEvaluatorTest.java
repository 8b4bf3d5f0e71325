package io.github.metaqnn4j.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.train.Dl4jEvaluator;
import io.github.metaqnn4j.train.TrainingEngine;
import io.github.metaqnn4j.train.TrainingScheme;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains tiny networks with PyTorch on a few hundred real Fashion-MNIST images (Debian's files).
 */
class PyTorchEvaluatorTest {
  @TempDir static Path cache;
  static Splits data;

  @BeforeAll
  static void load() {
    data =
        Datasets.fashionMnist()
            .cache(cache)
            .subsample(1_500)
            .validation(500)
            .testSubsample(100)
            .seed(11)
            .load();
  }

  private static final Architecture TINY = Architecture.parse("[C(8,3,1), P(2,2), SM(10)]");

  @Test
  void aTinyNetworkClearlyBeatsChanceAndReportsWhatDeeplearning4jReports() {
    Evaluation e =
        PyTorchEvaluator.on(data)
            .scheme(TrainingScheme.paper().epochs(2).batchSize(32))
            .testEachEpoch()
            .evaluate(TINY, 5);
    assertEquals(Evaluation.Status.COMPLETED, e.status(), e.reason());
    assertEquals(2, e.curve().size());
    assertTrue(e.best() > 0.6, "validation accuracy " + e.curve() + " vs chance 0.1");
    assertEquals(0.0, e.metrics().get("restarts"));
    Evaluation d =
        Dl4jEvaluator.on(data).scheme(TrainingScheme.paper().epochs(1)).evaluate(TINY, 5);
    assertEquals(d.metrics().get("parameters"), e.metrics().get("parameters"));
    assertEquals(d.metrics().get("flops"), e.metrics().get("flops"));
  }

  @Test
  void theSameSeedGivesTheSameCurveAndAnotherSeedAnother() {
    var evaluator =
        PyTorchEvaluator.on(data).scheme(TrainingScheme.paper().epochs(2).batchSize(64));
    Architecture arch = Architecture.parse("[C(8,3,1), P(2,2), FC(16), SM(10)]"); // with dropout
    List<Double> first = evaluator.evaluate(arch, 7).curve();
    assertEquals(first, evaluator.evaluate(arch, 7).curve());
    assertNotEquals(first, evaluator.evaluate(arch, 8).curve());
  }

  @Test
  void noBetterThanChanceRestartsWithALowerLearningRate() {
    Evaluation e =
        PyTorchEvaluator.on(data)
            .scheme(
                TrainingScheme.paper()
                    .epochs(1)
                    .batchSize(64)
                    .chanceMargin(0.89)
                    .restarts(0.4, 2)
                    .restartCheckUpdates(1))
            .evaluate(Architecture.parse("[SM(10)]"), 3);
    assertEquals(2.0, e.metrics().get("restarts"));
    assertEquals(1e-3 * 0.4 * 0.4, e.metrics().get("learningRate"), 1e-12);
    assertEquals(1, e.curve().size());
  }

  @Test
  void aDivergentNetworkIsAFailedModelAndTheSearchGoesOn() {
    var evaluator =
        PyTorchEvaluator.on(data)
            .scheme(
                TrainingScheme.paper().epochs(1).batchSize(64).learningRate(1e20).restarts(0.4, 0));
    SearchResult r =
        Search.qLearning(StateSpace.small().maxDepth(2).build())
            .evaluator(evaluator)
            .schedule(EpsilonSchedule.start(1.0, 3))
            .seed(2)
            .run();
    assertEquals(SearchResult.Status.COMPLETED, r.status());
    assertEquals(3, r.models().size());
    long failed =
        r.models().stream()
            .map(ModelRecord::evaluation)
            .filter(Evaluation::failed)
            .peek(
                e ->
                    assertTrue(
                        e.reason().startsWith("diverged: the training loss became"), e.reason()))
            .count();
    assertTrue(failed >= 2, "failed models: " + failed);
  }

  @Test
  void anArchitectureForOtherClassesIsRefusedWithItsReason() {
    Evaluation e = PyTorchEvaluator.on(data).evaluate(Architecture.parse("[FC(8), SM(3)]"), 1);
    assertTrue(e.failed());
    assertEquals(
        "cannot build the network: [FC(8), SM(3)] must end with SM(10) for 10 classes", e.reason());
  }

  @Test
  void theEngineIsFoundByNameAndStoredSearchesTellTheEnginesApart() {
    assertEquals(List.of("dl4j", "pytorch"), TrainingEngine.names());
    TrainingEngine engine = TrainingEngine.named("pytorch");
    assertTrue(engine.description().startsWith("PyTorch 2.7.1 through DJL 0.36"));
    var evaluator = engine.evaluator(data, TrainingScheme.paper().epochs(3));
    assertInstanceOf(PyTorchEvaluator.class, evaluator);
    assertEquals("pytorch", evaluator.settings().get("type"));
    assertEquals("2.7.1", evaluator.provenance().get("pytorch"));
    var dl4j = TrainingEngine.named("dl4j").evaluator(data, TrainingScheme.paper().epochs(3));
    assertEquals(dl4j.settings().get("training"), evaluator.settings().get("training"));
    assertEquals(dl4j.settings().get("data"), evaluator.settings().get("data"));
  }

  /**
   * Both engines reach the same accuracy on the same data within noise: a network with dropout
   * trained by each engine from 6 seeds (3 epochs on 2,000 images, 1,000 validation images); the
   * mean final accuracies differ by less than 3 standard errors of their difference, and by less
   * than 2 points.
   */
  @Test
  void bothEnginesReachTheSameAccuracyWithinNoise() {
    Splits more =
        Datasets.fashionMnist().cache(cache).subsample(3_000).validation(1_000).seed(12).load();
    TrainingScheme scheme = TrainingScheme.paper().epochs(3).batchSize(64);
    Architecture arch = Architecture.parse("[C(8,3,1), P(2,2), FC(32), SM(10)]");
    int seeds = 6;
    double[] torch = new double[seeds];
    double[] dl4j = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      torch[s] = PyTorchEvaluator.on(more).scheme(scheme).evaluate(arch, 100 + s).last();
      dl4j[s] = Dl4jEvaluator.on(more).scheme(scheme).evaluate(arch, 100 + s).last();
    }
    double diff = mean(torch) - mean(dl4j);
    double se = Math.sqrt(variance(torch) / seeds + variance(dl4j) / seeds);
    String seen =
        String.format(
            "PyTorch %s (mean %.4f), Deeplearning4j %s (mean %.4f), difference %.4f, standard"
                + " error %.4f",
            Arrays.toString(torch), mean(torch), Arrays.toString(dl4j), mean(dl4j), diff, se);
    System.out.println(seen);
    assertTrue(mean(torch) > 0.7 && mean(dl4j) > 0.7, seen);
    assertTrue(Math.abs(diff) < 3 * se && Math.abs(diff) < 0.02, seen);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double variance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }
}
