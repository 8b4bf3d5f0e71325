package io.github.metaqnn4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken setup, an exception, an error: nothing is lost, and the store says how it ended. */
class FailureTest {
  private static final StateSpace SPACE = StateSpace.small().maxDepth(4).build();
  @TempDir Path dir;

  private static SearchBuilder search(Evaluator evaluator) {
    return Search.qLearning(SPACE)
        .evaluator(evaluator)
        .schedule(EpsilonSchedule.start(1.0, 100))
        .seed(3)
        .quiet();
  }

  @Test
  void aBrokenSetupStopsAfterNFailuresInARowQuotingTheFirst() {
    AtomicInteger calls = new AtomicInteger();
    Evaluator broken =
        (arch, ctx) -> {
          throw new IllegalStateException("no device number " + calls.incrementAndGet());
        };
    Path db = dir.resolve("broken.db");
    var e =
        assertThrows(
            SearchFailedException.class, () -> search(broken).maxFailuresInARow(4).store(db).run());
    assertEquals(4, calls.get(), "stopped after 4 models, not the whole schedule of 100");
    assertTrue(e.getMessage().startsWith("4 models failed in a row; the first, "), e.getMessage());
    assertTrue(
        e.getMessage().contains("failed with: IllegalStateException: no device number 1"),
        e.getMessage());
    try (var store = ExperimentStore.open(db)) {
      assertEquals(4, store.models().size(), "every failed model is kept");
      assertEquals("FAILED", store.status());
      assertTrue(store.endReason().contains("no device number 1"), store.endReason());
      assertEquals("FAILED", store.sessions().get(0).status());
    }
  }

  @Test
  void aSuccessBetweenFailuresResetsTheCount() {
    AtomicInteger calls = new AtomicInteger();
    Evaluator everyThird =
        (arch, ctx) -> {
          if (calls.incrementAndGet() % 3 != 0) {
            throw new IllegalStateException("flaky");
          }
          return SyntheticEvaluator.of(a -> 0.5).evaluate(arch, ctx);
        };
    SearchResult r = search(everyThird).maxFailuresInARow(3).run();
    assertEquals(SearchResult.Status.COMPLETED, r.status());
  }

  @Test
  void anExceptionThatEndsTheSearchIsRecordedAndTheStoreClosed() {
    Path db = dir.resolve("listener.db");
    SearchListener failing =
        new SearchListener() {
          @Override
          public void modelFinished(ModelRecord record) {
            if (record.iteration() == 5) {
              throw new IllegalArgumentException("the display broke");
            }
          }
        };
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> search(SyntheticEvaluator.of(a -> 0.5)).listener(failing).store(db).run());
    assertEquals("the display broke", e.getMessage());
    try (var store = ExperimentStore.open(db)) { // closed: it opens again
      assertEquals(6, store.models().size(), "models 0..5 are kept");
      assertEquals("FAILED", store.status());
      assertEquals("ended by IllegalArgumentException: the display broke", store.endReason());
    }
  }

  @Test
  void outOfMemoryIsKnownByItsTypeNotItsMessage() {
    Evaluator oom =
        (arch, ctx) -> {
          switch (ctx.iteration()) {
            case 0 -> throw new OutOfMemoryError("Java heap space");
            case 1 ->
                throw new IllegalStateException(
                    "allocation failed", new OutOfMemoryError("Cannot allocate 2 GB"));
            case 2 -> throw new IllegalStateException("memory layout of the weights is wrong");
            default -> {
              return SyntheticEvaluator.of(a -> 0.5).evaluate(arch, ctx);
            }
          }
        };
    List<ModelRecord> models = search(oom).run().models();
    assertEquals("out of memory: OutOfMemoryError: Java heap space", reason(models, 0));
    assertEquals("out of memory: IllegalStateException: allocation failed", reason(models, 1));
    assertEquals("IllegalStateException: memory layout of the weights is wrong", reason(models, 2));
  }

  private static String reason(List<ModelRecord> models, int iteration) {
    return models.stream()
        .filter(m -> m.iteration() == iteration)
        .findFirst()
        .orElseThrow()
        .evaluation()
        .reason();
  }

  @Test
  void otherErrorsAreNotFailedModelsButEndTheSearch() {
    for (int workers : new int[] {1, 3}) {
      Path db = dir.resolve("error-" + workers + ".db");
      Evaluator broken =
          (arch, ctx) -> {
            if (ctx.iteration() == 2) {
              throw new NoClassDefFoundError("org/example/Missing");
            }
            return SyntheticEvaluator.of(a -> 0.5).evaluate(arch, ctx);
          };
      var e =
          assertThrows(
              NoClassDefFoundError.class, () -> search(broken).workers(workers).store(db).run());
      assertEquals("org/example/Missing", e.getMessage());
      try (var store = ExperimentStore.open(db)) {
        assertEquals("FAILED", store.status());
        assertEquals(
            "ended by NoClassDefFoundError: org/example/Missing", store.endReason(), "" + workers);
        assertTrue(store.models().stream().noneMatch(m -> m.status().equals("FAILED")));
      }
    }
  }

  @Test
  void everySessionRecordsSettingsAndProvenance() {
    Path db = dir.resolve("provenance.db");
    search(SyntheticEvaluator.of(a -> 0.5)).store(db).run();
    try (var store = ExperimentStore.open(db)) {
      Map<String, Object> settings = store.settings();
      assertEquals(3.0, settings.get("seed"));
      assertEquals(4.0, ((Map<?, ?>) settings.get("space")).get("maxDepth"));
      assertEquals("synthetic", ((Map<?, ?>) settings.get("evaluator")).get("type"));
      var provenance = store.sessions().get(0).provenance();
      var toolkit = (Map<?, ?>) provenance.get("toolkit");
      assertEquals(Provenance.version(), toolkit.get("version"));
      assertTrue(String.valueOf(toolkit.get("commit")).matches("[0-9a-f]{40}|unknown"));
      assertEquals(
          System.getProperty("java.version"),
          ((Map<?, ?>) provenance.get("jvm")).get("java.version"));
      assertEquals("COMPLETED", store.sessions().get(0).status());
    }
  }
}
