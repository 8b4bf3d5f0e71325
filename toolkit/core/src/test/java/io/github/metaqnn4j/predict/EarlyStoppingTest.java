package io.github.metaqnn4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.search.EarlyStoppingPolicy;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.tabular.SyntheticCurves;
import io.github.metaqnn4j.tabular.TabularEvaluator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Searches on a synthetic tabular benchmark that must stop models early. */
class EarlyStoppingTest {
  private static final StateSpace SPACE = StateSpace.small().maxDepth(3).build();
  private static final TabularEvaluator BENCH =
      TabularEvaluator.of(SyntheticCurves.table(SPACE, 10, 0.004, 5), SPACE);

  private static SearchResult search(EarlyStoppingPolicy policy, Evaluator evaluator, int workers) {
    return Search.qLearning(SPACE)
        .evaluator(evaluator)
        .schedule(EpsilonSchedule.start(1.0, 120))
        .earlyStopping(policy)
        .workers(workers)
        .seed(11)
        .quiet()
        .run();
  }

  private static List<ModelRecord> stopped(SearchResult r) {
    return r.models().stream()
        .filter(m -> m.evaluation().status() == Evaluation.Status.STOPPED_EARLY)
        .toList();
  }

  private static int epochs(SearchResult r) {
    return r.models().stream().mapToInt(m -> m.evaluation().curve().size()).sum();
  }

  @Test
  void thePredictedRuleStopsModelsAndTheirRewardIsThePrediction() {
    SearchResult full = search(EarlyStopping.median().warmUp(1_000), BENCH, 1); // never stops
    SearchResult r = search(EarlyStopping.predicted().delta(0.99).burnIn(20), BENCH, 1);
    List<ModelRecord> stopped = stopped(r);
    assertTrue(stopped.size() > 10, "stopped " + stopped.size());
    double error = 0;
    for (ModelRecord m : stopped) {
      var metrics = m.evaluation().metrics();
      double predicted = metrics.get(Evaluation.PREDICTED_FINAL);
      assertEquals(Math.max(0, Math.min(1, predicted)), m.reward(), 1e-12);
      assertTrue(metrics.get(Evaluation.STOP_PROBABILITY) > 0.99);
      assertTrue(m.iteration() >= 20, "no stop during the burn-in of 20 models");
      assertEquals((double) m.evaluation().curve().size(), metrics.get(Evaluation.STOP_EPOCH));
      error +=
          Math.abs(BENCH.table().get(m.architecture()).orElseThrow().finalAccuracy() - predicted);
    }
    // the predictions are close to the truth on these curves
    assertTrue(error / stopped.size() < 0.03, "mean absolute error " + error / stopped.size());
    assertTrue(epochs(r) < 0.8 * epochs(full), epochs(r) + " epochs against " + epochs(full));
    // and the search still finds as good a model (several architectures share the best asymptote)
    assertEquals(full.best().orElseThrow().reward(), r.best().orElseThrow().reward(), 0.01);
  }

  @Test
  void theMedianRuleAndSuccessiveHalvingStopModelsToo() {
    for (EarlyStoppingPolicy policy :
        List.of(EarlyStopping.median().warmUp(10), EarlyStopping.successiveHalving().eta(3))) {
      SearchResult r = search(policy, BENCH, 1);
      assertTrue(stopped(r).size() > 10, policy + ": " + stopped(r).size());
      for (ModelRecord m : stopped(r)) {
        assertEquals(m.evaluation().best(), m.reward(), "no prediction: the curve's best");
      }
    }
  }

  /** Decisions come from the rule frozen when the model was sampled, not from finishing order. */
  @Test
  void decisionsDoNotDependOnWhichWorkerFinishesFirst() {
    Evaluator jittery =
        (arch, ctx) -> {
          try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(4));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return BENCH.evaluate(arch, ctx);
        };
    var policy = EarlyStopping.predicted().predictor(CurvePredictor.ols()).burnIn(15);
    SearchResult a = search(policy, jittery, 3);
    SearchResult b = search(policy, jittery, 3);
    assertTrue(stopped(a).size() > 5);
    assertEquals(a.history(), b.history());
  }

  @Test
  void settingsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> EarlyStopping.predicted().delta(1.0));
    assertThrows(IllegalArgumentException.class, () -> EarlyStopping.predicted().burnIn(2));
    assertThrows(IllegalArgumentException.class, () -> EarlyStopping.successiveHalving().eta(1));
    assertThrows(IllegalArgumentException.class, () -> EarlyStopping.median().warmUp(0));
    assertTrue(new SuccessiveHalving(1, 3).isRung(9));
    assertTrue(!new SuccessiveHalving(1, 3).isRung(6));
  }
}
