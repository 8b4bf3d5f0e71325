package io.github.metaqnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains tiny networks on a few hundred real Fashion-MNIST images (Debian's files). */
class Dl4jEvaluatorTest {
  @TempDir static Path cache;
  static Splits data;

  @BeforeAll
  static void load() {
    data =
        Datasets.fashionMnist()
            .cache(cache)
            .subsample(900)
            .validation(300)
            .testSubsample(100)
            .seed(11)
            .load();
  }

  @Test
  void aTinyNetworkClearlyBeatsChance() {
    Evaluation e =
        Dl4jEvaluator.on(data)
            .scheme(TrainingScheme.paper().epochs(2).batchSize(32))
            .evaluate(Architecture.parse("[C(8,3,1), P(2,2), SM(10)]"), 5);
    assertEquals(Evaluation.Status.COMPLETED, e.status(), e.reason());
    assertEquals(2, e.curve().size());
    assertTrue(e.best() > 0.45, "validation accuracy " + e.curve() + " vs chance 0.1");
    assertEquals(0.0, e.metrics().get("restarts"));
    assertEquals(
        (double)
            Networks.stats(Architecture.parse("[C(8,3,1), P(2,2), SM(10)]"), 1, 28, 10)
                .parameters(),
        e.metrics().get("parameters"));
  }

  @Test
  void noBetterThanChanceRestartsWithALowerLearningRate() {
    // a margin of 0.89 makes every first epoch "no better than chance"
    Evaluation e =
        Dl4jEvaluator.on(data)
            .scheme(
                TrainingScheme.paper()
                    .epochs(1)
                    .batchSize(64)
                    .chanceMargin(0.89)
                    .restartCheckUpdates(1)
                    .restarts(0.4, 2))
            .evaluate(Architecture.parse("[SM(10)]"), 3);
    assertEquals(2.0, e.metrics().get("restarts"));
    assertEquals(1e-3 * 0.4 * 0.4, e.metrics().get("learningRate"), 1e-12);
    assertEquals(1, e.curve().size());
  }

  @Test
  void aDivergentConfigurationIsRecordedAsFailedAndTheSearchGoesOn() {
    var evaluator =
        Dl4jEvaluator.on(data)
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
    int failed = 0;
    for (ModelRecord m : r.models()) {
      if (m.evaluation().failed()) {
        failed++;
        assertTrue(
            m.evaluation().reason().startsWith("diverged: the training loss became"),
            m.evaluation().reason());
        assertEquals(0.0, m.reward());
      }
    }
    assertTrue(failed >= 2, "failed models: " + failed);
  }
}
