package io.github.metaqnn4j.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.KernelRule;
import io.github.metaqnn4j.space.StateSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularEvaluatorTest {
  private static final StateSpace SPACE = StateSpace.small().maxDepth(2).build();
  @TempDir Path dir;

  @Test
  void aPaperLengthScheduleRunsOnTheTableInSeconds() {
    var bench = TabularEvaluator.of(SyntheticCurves.table(SPACE, 10, 0.01, 1), SPACE);
    long start = System.nanoTime();
    var result =
        Search.qLearning(bench.space())
            .evaluator(bench)
            .schedule(EpsilonSchedule.paper().scaledTo(500))
            .maxResamples(100_000)
            .quiet()
            .run();
    assertTrue((System.nanoTime() - start) / 1e9 < 30);
    assertEquals(38, result.models().size(), "the space's 38 architectures, then re-samples");
    var best = result.best().orElseThrow();
    assertEquals(
        bench.table().get(best.architecture()).orElseThrow().bestAccuracy(), best.reward());
  }

  /** 38 architectures, a 100-model schedule: counted in samples, it ends after 100 iterations. */
  @Test
  void aScheduleCanCountSamplesOnASmallTable() {
    var bench = TabularEvaluator.of(SyntheticCurves.table(SPACE, 10, 0.01, 1), SPACE);
    var schedule = EpsilonSchedule.start(1.0, 60).then(0.1, 40);
    var result =
        Search.qLearning(SPACE)
            .evaluator(bench)
            .schedule(schedule)
            .scheduleCountsSamples()
            .seed(3)
            .quiet()
            .run();
    assertEquals(SearchResult.Status.COMPLETED, result.status());
    assertEquals(100, result.history().size());
    assertEquals(1.0, result.history().get(59).epsilon());
    assertEquals(0.1, result.history().get(60).epsilon());
    var unique = Search.qLearning(SPACE).evaluator(bench).schedule(schedule).seed(3).quiet().run();
    assertEquals(SearchResult.Status.EXHAUSTED, unique.status(), "100 new models do not exist");
  }

  @Test
  void anArchitectureOutsideTheTableIsAClearError() {
    var bench = TabularEvaluator.of(SyntheticCurves.table(SPACE, 5, 0, 1), SPACE);
    var arch = Architecture.parse("[C(32,3,1), SM(10)]");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> bench.evaluate(arch, EvaluationContext.standalone(arch, 1)));
    assertTrue(
        e.getMessage().startsWith("[C(32,3,1), SM(10)] is not in the table synthetic (38"),
        e.getMessage());
    var deeper = StateSpace.small().maxDepth(3).build();
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Search.qLearning(deeper).evaluator(bench).build());
    assertTrue(e.getMessage().contains("holds 38 architectures, but the space allows 226"));
  }

  @Test
  void theShippedTablesFitThePresetsUnderEveryKernelRule() {
    var bench = TabularEvaluator.fashionMnistSmall();
    assertEquals(KernelRule.ORIGINAL_CODE, bench.space().settings().kernelRule(), "as recorded");
    for (KernelRule rule : KernelRule.values()) {
      var preset = StateSpace.small().maxDepth(3).kernelRule(rule).build();
      assertEquals(226, preset.graph().architectureCount().intValue(), rule.name());
      bench.check(preset); // every architecture of the preset is in the table
    }
  }

  @Test
  void recordedTablesRoundTripThroughCsvAndResume() throws Exception {
    Path csv = dir.resolve("t.csv");
    var source = TabularEvaluator.of(SyntheticCurves.table(SPACE, 4, 0.01, 2), SPACE);
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    io.github.metaqnn4j.search.Evaluator counting =
        (a, ctx) -> {
          if (calls.incrementAndGet() == 10) {
            throw new IllegalStateException("diverged");
          }
          return source.evaluate(a, ctx);
        };
    CurveTable first = CurveRecorder.of(SPACE, counting).seed(3).to(csv).run();
    assertEquals(38, first.size());
    assertEquals(38, calls.get());
    assertEquals("IllegalStateException: diverged", first.curves().get(9).failure());
    // a second run finds every architecture in the file and trains none
    CurveTable again = CurveRecorder.of(SPACE, counting).seed(3).to(csv).run();
    assertEquals(38, calls.get());
    assertEquals(first.curves(), again.curves());
    assertEquals(first.curves(), CurveTable.read(csv).curves());
    assertTrue(Files.readString(csv).startsWith("architecture,parameters,flops,status,epoch"));
    // an interrupted file (the last lines lost) is completed
    var lines = Files.readAllLines(csv);
    Files.write(csv, lines.subList(0, lines.size() - 4));
    CurveRecorder.of(SPACE, counting).seed(3).to(csv).run();
    assertEquals(39, calls.get());
    assertEquals(38, CurveTable.read(csv).size());
  }

  @Test
  void stoppedEarlyLookupsCostOnlyTheEpochsSeen() {
    var bench = TabularEvaluator.of(SyntheticCurves.table(SPACE, 6, 0, 1), SPACE);
    var arch = Architecture.parse("[C(8,3,1), SM(10)]");
    var ctx =
        new EvaluationContext(
            arch,
            0,
            1,
            0,
            (a, curve) ->
                curve.size() == 2
                    ? io.github.metaqnn4j.search.StoppingRule.Decision.stop("test")
                    : io.github.metaqnn4j.search.StoppingRule.Decision.GO,
            e -> {});
    Evaluation e = bench.evaluate(arch, ctx);
    assertEquals(Evaluation.Status.STOPPED_EARLY, e.status());
    assertEquals(2, e.curve().size());
    assertEquals(2.0, e.seconds());
  }
}
