package io.github.metaqnn4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.space.StateSpace;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelSearchTest {
  private static final StateSpace SPACE = StateSpace.small().build();

  /** Sleeps a random time (not seeded: it differs every run), so evaluations end out of order. */
  private static Evaluator slow(
      AtomicInteger running, AtomicInteger maxRunning, Set<String> threads) {
    return slow(running, maxRunning, threads, new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  private static Evaluator slow(
      AtomicInteger running, AtomicInteger maxRunning, Set<String> threads, List<Integer> ended) {
    SyntheticEvaluator inner = SyntheticEvaluator.of(a -> 0.3 + 0.05 * a.count("C"));
    return (arch, ctx) -> {
      int now = running.incrementAndGet();
      maxRunning.accumulateAndGet(now, Math::max);
      threads.add(Thread.currentThread().getName() + "/" + ctx.worker());
      try {
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(12));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      Evaluation e = inner.evaluate(arch, ctx);
      ended.add(ctx.iteration());
      return e;
    };
  }

  private static List<String> history(int workers, long seed) {
    return history(workers, seed, new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  /** The search's history; {@code ended} gets the iterations in the order their evaluations end. */
  private static List<String> history(int workers, long seed, List<Integer> ended) {
    SearchResult r =
        Search.qLearning(SPACE)
            .evaluator(
                slow(
                    new AtomicInteger(), new AtomicInteger(), ConcurrentHashMap.newKeySet(), ended))
            .schedule(EpsilonSchedule.paper().scaledTo(60))
            .workers(workers)
            .seed(seed)
            .run();
    assertEquals(SearchResult.Status.COMPLETED, r.status());
    assertEquals(60, r.models().size());
    return r.history().stream()
        .map(m -> m.iteration() + " " + m.architecture() + " " + m.epsilon() + " " + m.reward())
        .toList();
  }

  /**
   * Interrupting the thread that runs a search (as a notebook's stop button does) ends it with the
   * models done so far, returned, not thrown away; with 1 worker and with 2 waiting on a slow
   * model.
   */
  @Test
  void anInterruptedSearchReturnsWhatItDid() throws Exception {
    for (int workers : new int[] {1, 2}) {
      java.util.concurrent.CountDownLatch some = new java.util.concurrent.CountDownLatch(5);
      SyntheticEvaluator inner = SyntheticEvaluator.of(a -> 0.4);
      Evaluator slow =
          (arch, ctx) -> {
            some.countDown();
            if (some.getCount() == 0) {
              try {
                Thread.sleep(60_000); // a long model: the interrupt must not wait for it
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return inner.evaluate(arch, ctx);
          };
      var result = new java.util.concurrent.atomic.AtomicReference<SearchResult>();
      Thread t =
          new Thread(
              () ->
                  result.set(
                      Search.qLearning(SPACE)
                          .evaluator(slow)
                          .schedule(EpsilonSchedule.paper().scaledTo(60))
                          .workers(workers)
                          .seed(4)
                          .quiet()
                          .run()));
      t.start();
      some.await();
      Thread.sleep(200);
      long start = System.nanoTime();
      t.interrupt();
      t.join(10_000);
      assertTrue((System.nanoTime() - start) / 1e9 < 5, "ended soon after the interrupt");
      SearchResult r = result.get();
      assertEquals(SearchResult.Status.INTERRUPTED, r.status(), "workers " + workers);
      assertTrue(r.models().size() >= 3, r.models().size() + " models kept");
    }
  }

  @Test
  void resultsDoNotDependOnWhichEvaluationEndsFirst() {
    List<Integer> endedA = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> endedB = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> a = history(3, 21, endedA);
    List<String> b = history(3, 21, endedB);
    // the evaluations really ended out of iteration order, and in another order each run ...
    assertNotEquals(endedA.stream().sorted().toList(), endedA, "out of order: " + endedA);
    assertNotEquals(endedA, endedB);
    // ... and the searches are identical all the same
    assertEquals(a, b);
    assertNotEquals(a, history(3, 22));
    for (int i = 0; i < a.size(); i++) {
      assertEquals(i, Integer.parseInt(a.get(i).split(" ")[0]));
    }
  }

  @Test
  void oneWorkerIsTheSequentialAlgorithm() {
    SearchResult stepwise =
        Search.qLearning(SPACE)
            .evaluator(SyntheticEvaluator.of(a -> 0.3 + 0.05 * a.count("C")))
            .schedule(EpsilonSchedule.paper().scaledTo(60))
            .seed(21)
            .build()
            .run();
    Search stepped =
        Search.qLearning(SPACE)
            .evaluator(SyntheticEvaluator.of(a -> 0.3 + 0.05 * a.count("C")))
            .schedule(EpsilonSchedule.paper().scaledTo(60))
            .seed(21)
            .build();
    while (!stepped.isDone()) {
      stepped.step();
    }
    assertEquals(stepwise.history(), stepped.result().history());
    assertEquals(stepwise.qValues(), stepped.result().qValues());
  }

  @Test
  void workersEvaluateConcurrentlyEachOnItsOwnWorker() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Search.qLearning(SPACE)
        .evaluator(slow(running, maxRunning, threads))
        .schedule(EpsilonSchedule.start(1.0, 30))
        .workers(3)
        .seed(5)
        .run();
    assertEquals(3, maxRunning.get());
    assertEquals(
        Set.of("metaqnn4j-worker-0/0", "metaqnn4j-worker-1/1", "metaqnn4j-worker-2/2"), threads);
  }

  @Test
  void badWorkerCountIsRejected() {
    var b = Search.qLearning(SPACE);
    assertEquals(
        "workers must be at least 1, got 0",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> b.workers(0))
            .getMessage());
  }
}
