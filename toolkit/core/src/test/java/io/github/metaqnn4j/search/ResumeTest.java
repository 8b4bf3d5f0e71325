package io.github.metaqnn4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.predict.CurvePredictor;
import io.github.metaqnn4j.predict.EarlyStopping;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResumeTest {
  @TempDir Path dir;

  /** The search a crash test runs: small space, 40 models, an evaluator that takes some time. */
  static SearchBuilder search(long seed, int workers, long sleepMillis) {
    return search(seed, workers, sleepMillis, Mode.Q_LEARNING);
  }

  /** Which search a crash test runs. */
  enum Mode {
    Q_LEARNING,
    /** Q-learning with early stopping by predicted final accuracy. */
    EARLY_STOPPING,
    /** Two pooled policy-gradient controllers, batches of 3. */
    CONTROLLER
  }

  static SearchBuilder search(long seed, int workers, long sleepMillis, Mode mode) {
    SyntheticEvaluator accuracy =
        SyntheticEvaluator.of(a -> 0.2 + 0.1 * a.count("C") - 0.05 * a.count("FC"));
    boolean early = mode == Mode.EARLY_STOPPING;
    SearchBuilder b =
        mode == Mode.CONTROLLER
            ? Search.controller(StateSpace.small().build())
                .controller(ControllerSettings.defaults().batch(3).controllers(2))
            : Search.qLearning(StateSpace.small().build());
    return b.evaluator(
            (arch, ctx) -> {
              try {
                Thread.sleep(sleepMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return accuracy.evaluate(arch, ctx);
            })
        .schedule(EpsilonSchedule.paper().scaledTo(40))
        .workers(workers)
        .seed(seed)
        .earlyStopping(
            early
                ? EarlyStopping.predicted().predictor(CurvePredictor.ols()).burnIn(8).delta(0.9)
                : EarlyStopping.median().warmUp(1_000)); // never stops
  }

  /** Everything a store holds that does not depend on the clock. */
  static List<String> contents(Path db) {
    try (var store = ExperimentStore.open(db)) {
      List<String> out = new ArrayList<>();
      out.add(store.status());
      out.add(store.settings().toString());
      store.models().forEach(m -> out.add(m.toString()));
      store.qValues().forEach(q -> out.add(q.toString()));
      store.choiceProbabilities().forEach((i, c) -> out.add(i + ": " + c));
      return out;
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"Q_LEARNING", "CONTROLLER"})
  void anInterruptedSearchResumesToTheSameStore(Mode mode) {
    for (int workers : new int[] {1, 3}) {
      Path full = dir.resolve(mode + "-full-" + workers + ".db");
      search(3, workers, 0, mode).store(full).run();

      Path cut = dir.resolve(mode + "-cut-" + workers + ".db");
      var interrupting =
          new SearchListener() {
            @Override
            public void modelFinished(ModelRecord r) {
              if (r.iteration() == 17) {
                Thread.currentThread().interrupt();
              }
            }
          };
      SearchResult first = search(3, workers, 0, mode).store(cut).listener(interrupting).run();
      assertTrue(Thread.interrupted());
      assertEquals(SearchResult.Status.INTERRUPTED, first.status());
      SearchResult resumed = search(3, workers, 0, mode).store(cut).run();
      assertEquals(SearchResult.Status.COMPLETED, resumed.status());
      assertEquals(contents(full), contents(cut), "workers " + workers);
    }
  }

  @Test
  void resumingWithOtherSettingsIsRefused() {
    Path db = dir.resolve("x.db");
    search(3, 1, 0).store(db).run();
    var e = assertThrows(StoreException.class, () -> search(4, 1, 0).store(db).build());
    assertTrue(e.getMessage().contains("seed: stored 3, now 4"), e.getMessage());
  }

  /**
   * kill -9 of a separate JVM in the middle of a search, with and without early stopping; the
   * resumed store equals a clean run.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void killedWithSigkillAndResumed(Mode mode) throws Exception {
    Path full = dir.resolve("full.db");
    search(9, 1, 0, mode).store(full).run();

    Path crashed = dir.resolve("crashed.db");
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                CrashTarget.class.getName(),
                crashed.toString(),
                mode.name())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    int stored = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (stored < 12 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      if (crashed.toFile().exists()) {
        try (var store = ExperimentStore.open(crashed)) {
          stored = store.models().size();
        } catch (StoreException notYet) {
          stored = 0;
        }
      }
    }
    p.destroyForcibly(); // SIGKILL on Linux
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
    int atKill;
    try (var store = ExperimentStore.open(crashed)) {
      atKill = store.models().size();
      assertEquals("running", store.status());
    }
    assertTrue(atKill >= 12 && atKill < 40, "models stored when killed: " + atKill);

    SearchResult resumed = search(9, 1, 0, mode).store(crashed).run();
    assertEquals(SearchResult.Status.COMPLETED, resumed.status());
    assertEquals(contents(full), contents(crashed));
    long stops =
        resumed.models().stream()
            .filter(m -> m.evaluation().status() == Evaluation.Status.STOPPED_EARLY)
            .filter(m -> m.iteration() >= atKill)
            .count();
    assertEquals(
        mode == Mode.EARLY_STOPPING, stops > 0, "models stopped early after the resume: " + stops);
    if (mode == Mode.CONTROLLER) {
      try (var store = ExperimentStore.open(crashed)) {
        // the first iteration, then one update per batch of 3 of each controller's iterations
        int n = resumed.history().size();
        assertEquals(1 + (n + 1) / 2 / 3 + n / 2 / 3, store.choiceProbabilities().size());
      }
    }
  }

  /** The process the crash test kills: the same search, slowed down. */
  public static final class CrashTarget {
    private CrashTarget() {}

    public static void main(String[] args) {
      search(9, 1, 150, Mode.valueOf(args[1])).store(Path.of(args[0])).run();
    }
  }
}
