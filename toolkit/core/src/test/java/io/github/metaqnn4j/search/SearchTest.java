package io.github.metaqnn4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.agent.QLearningSettings;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Padding;
import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.State;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.space.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchTest {
  private static final StateSpace SPACE = StateSpace.small().maxDepth(4).build();
  private static final Architecture TARGET =
      Architecture.parse("[C(16,5,1), P(2,2), C(8,3,1), SM(10)]");

  /**
   * A space whose states identify their paths (VALID padding, one bin per size, one filter count,
   * depth 2): every reward is then Markov in the agent's state, so the best path of any reward is
   * learnable. With the positional-match reward towards a target, the greedy path must be the
   * target.
   */
  @Test
  void greedyPathAfterTheScheduleIsTheKnownBestPath() {
    StateSpace tree =
        StateSpace.paper()
            .imageSize(28)
            .padding(Padding.VALID)
            .sizeBins(IntStream.iterate(28, i -> i >= 1, i -> i - 1).toArray())
            .convFilters(8)
            .convKernels(1, 3, 5)
            .pools(new Pool(2, 2), new Pool(3, 2))
            .initialPooling(true)
            .consecutivePooling(true)
            .maxConsecutiveFc(0)
            .globalAveragePooling(false)
            .maxDepth(2)
            .build();
    // a tree: one node per state, and one architecture per state plus the bare [SM(10)]
    assertEquals(tree.graph().nodes().size(), tree.states().size());
    assertEquals(tree.states().size() + 1, tree.graph().architectureCount().intValue());
    Architecture target = Architecture.parse("[C(8,3,1), P(2,2), SM(10)]");
    for (long seed = 1; seed <= 5; seed++) {
      SearchResult r =
          Search.qLearning(tree)
              .evaluator(SyntheticEvaluator.towards(target))
              .schedule(EpsilonSchedule.paper().scaledTo(30))
              .seed(seed)
              .run();
      // 30 of the 31 architectures: the last greedy stage may exhaust the space, and may stop
      assertTrue(r.models().size() >= 25, r.status() + " after " + r.models().size());
      assertEquals(target, r.greedy(), "seed " + seed);
    }
  }

  /**
   * On the small preset (48,114 architectures) the agent's state keeps only the last layer, depth
   * and size bin, so a reward it can learn depends on the final state: here 0.9 for networks that
   * end with P(2,2) at depth 4 in bin (8,4], less for every other. After the paper's schedule
   * scaled to 1,000 models the greedy path must end in that state, with the best reward of the
   * space (found by enumerating it).
   */
  @Test
  void greedyPathAfterTheScheduleReachesTheBestFinalState() {
    StateSpace small = StateSpace.small().build();
    ToDoubleFunction<Architecture> reward = a -> finalStateReward(small, a);
    double best = bruteForceBest(small, reward);
    assertEquals(0.9, best);
    for (long seed = 1; seed <= 3; seed++) {
      SearchResult r =
          Search.qLearning(small)
              .evaluator(SyntheticEvaluator.of(reward))
              .schedule(EpsilonSchedule.paper().scaledTo(1000))
              .seed(seed)
              .run();
      assertEquals(best, reward.applyAsDouble(r.greedy()), r.greedy() + ", seed " + seed);
    }
  }

  @Test
  void withoutLearningTheGreedyPathIsNotTheBest() {
    StateSpace small = StateSpace.small().build();
    ToDoubleFunction<Architecture> reward = a -> finalStateReward(small, a);
    SearchResult r =
        Search.qLearning(small)
            .evaluator(SyntheticEvaluator.of(reward))
            .schedule(EpsilonSchedule.paper().scaledTo(1000))
            .learning(QLearningSettings.paper().alpha(1e-9).replaySamples(0))
            .seed(1)
            .run();
    assertNotEquals(0.9, reward.applyAsDouble(r.greedy()));
  }

  private static double finalStateReward(StateSpace space, Architecture a) {
    List<Step> steps = space.walk(a);
    Step lastStep = steps.get(steps.size() - 1);
    State last = lastStep.state();
    if (new Pool(2, 2).equals(last.layer()) && last.depth() == 4 && last.sizeBin() == 4) {
      return 0.9;
    }
    return 0.2 + 0.05 * last.depth() + (last.layer() instanceof Conv ? 0.1 : 0);
  }

  private static double bruteForceBest(StateSpace space, ToDoubleFunction<Architecture> reward) {
    double best = 0;
    List<List<Layer>> frontier = List.of(List.of());
    while (!frontier.isEmpty()) {
      List<List<Layer>> next = new ArrayList<>();
      for (List<Layer> prefix : frontier) {
        State state = space.start();
        int size = space.imageSize();
        for (Layer l : prefix) {
          state = space.next(state, size, l);
          size = space.sizeAfter(size, l);
        }
        for (Layer a : space.legalActions(state, size)) {
          List<Layer> longer = new ArrayList<>(prefix);
          longer.add(a);
          if (a.terminal()) {
            best = Math.max(best, reward.applyAsDouble(new Architecture(longer)));
          } else {
            next.add(longer);
          }
        }
      }
      frontier = next;
    }
    return best;
  }

  @Test
  void sameSeedSameSequenceOtherSeedOtherSequence() {
    List<String> a = sequence(11);
    List<String> b = sequence(11);
    List<String> c = sequence(12);
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  private static List<String> sequence(long seed) {
    SearchResult r =
        Search.qLearning(SPACE)
            .evaluator(SyntheticEvaluator.towards(TARGET).noise(0.02))
            .schedule(EpsilonSchedule.paper().scaledTo(80))
            .seed(seed)
            .run();
    List<String> out = new ArrayList<>();
    for (ModelRecord m : r.history()) {
      out.add(m.iteration() + " " + m.architecture() + " " + m.epsilon() + " " + m.reward());
    }
    r.qValues().forEach(q -> out.add(q.toString()));
    return out;
  }

  @Test
  void architecturesSampledAgainAreNotReevaluated() {
    AtomicInteger calls = new AtomicInteger();
    Set<Architecture> seen = new HashSet<>();
    Evaluator counting =
        (arch, ctx) -> {
          calls.incrementAndGet();
          assertTrue(seen.add(arch), "evaluated twice: " + arch);
          return SyntheticEvaluator.towards(TARGET).evaluate(arch, ctx);
        };
    SearchResult r =
        Search.qLearning(SPACE)
            .evaluator(counting)
            .schedule(EpsilonSchedule.start(1.0, 20).then(0.1, 20))
            .seed(5)
            .run();
    assertEquals(40, calls.get());
    assertEquals(40, r.models().size());
    List<ModelRecord> reused = r.history().stream().filter(ModelRecord::reused).toList();
    assertFalse(reused.isEmpty(), "epsilon 0.1 re-samples the greedy path");
    for (ModelRecord m : reused) {
      assertEquals(-1, m.model());
      ModelRecord first =
          r.models().stream()
              .filter(x -> x.architecture().equals(m.architecture()))
              .findFirst()
              .orElseThrow();
      assertEquals(first.reward(), m.reward());
      assertTrue(first.iteration() < m.iteration());
    }
  }

  @Test
  void failuresAreRecordedAndTheSearchGoesOn() {
    Evaluator flaky =
        (arch, ctx) -> {
          if (arch.count("P") > 0) {
            throw new IllegalStateException("loss became NaN in epoch 1");
          }
          return SyntheticEvaluator.of(a -> 0.6).evaluate(arch, ctx);
        };
    SearchResult r =
        Search.qLearning(SPACE)
            .evaluator(flaky)
            .schedule(EpsilonSchedule.start(1.0, 150))
            .failureReward(0.05)
            .maxFailuresInARow(150)
            .seed(9)
            .run();
    assertEquals(SearchResult.Status.COMPLETED, r.status());
    List<ModelRecord> failed = r.models().stream().filter(m -> m.evaluation().failed()).toList();
    assertFalse(failed.isEmpty());
    for (ModelRecord m : failed) {
      assertEquals(0.05, m.reward());
      assertEquals("IllegalStateException: loss became NaN in epoch 1", m.evaluation().reason());
    }
    assertEquals(0.6, r.best().orElseThrow().reward());
  }

  @Test
  void stoppingRuleEndsModelsEarlyAndListenersSeeEveryEpoch() {
    List<String> events = new ArrayList<>();
    SearchListener listener =
        new SearchListener() {
          @Override
          public void searchStarted(Search search) {
            events.add("start");
          }

          @Override
          public void epochFinished(int iteration, Architecture architecture, Epoch epoch) {
            events.add("epoch " + iteration + "." + epoch.index());
          }

          @Override
          public void modelFinished(ModelRecord record) {
            events.add("model " + record.iteration());
          }

          @Override
          public void searchFinished(SearchResult result) {
            events.add("end " + result.status());
          }
        };
    SearchResult r =
        Search.qLearning(SPACE)
            .evaluator(SyntheticEvaluator.of(a -> 0.2 + 0.1 * a.depth()).epochs(6))
            .earlyStopping(
                (arch, curve) ->
                    curve.size() >= 2 && curve.get(1) < 0.2
                        ? StoppingRule.Decision.stop("below 0.2 after 2 epochs")
                        : StoppingRule.Decision.GO)
            .schedule(EpsilonSchedule.start(1.0, 3))
            .seed(4)
            .listener(listener)
            .run();
    for (ModelRecord m : r.models()) {
      var e = m.evaluation();
      if (e.status() == Evaluation.Status.STOPPED_EARLY) {
        assertEquals(2, e.curve().size());
      } else {
        assertEquals(6, e.curve().size());
      }
      assertEquals(e.curve().get(1) < 0.2, e.status() == Evaluation.Status.STOPPED_EARLY);
    }
    assertEquals("start", events.get(0));
    assertEquals("end COMPLETED", events.get(events.size() - 1));
    long epochs = events.stream().filter(s -> s.startsWith("epoch")).count();
    assertEquals(r.models().stream().mapToInt(m -> m.evaluation().curve().size()).sum(), epochs);
  }

  @Test
  void exhaustedSpaceEndsWithAClearStatus() {
    StateSpace tiny = StateSpace.small().maxDepth(1).convFilters(8).convKernels(3).build();
    SearchResult r =
        Search.qLearning(tiny)
            .evaluator(SyntheticEvaluator.of(a -> 0.5))
            .schedule(EpsilonSchedule.start(1.0, 50))
            .maxResamples(200)
            .seed(1)
            .run();
    assertEquals(SearchResult.Status.EXHAUSTED, r.status());
    assertEquals(tiny.graph().architectureCount().intValue(), r.models().size());
    assertTrue(r.message().contains("already evaluated"), r.message());
  }

  @Test
  void interruptStopsBetweenModelsAndKeepsThem() {
    Search search =
        Search.qLearning(SPACE)
            .evaluator(
                (arch, ctx) -> {
                  if (ctx.iteration() == 4) {
                    Thread.currentThread().interrupt();
                  }
                  return SyntheticEvaluator.of(a -> 0.5).evaluate(arch, ctx);
                })
            .schedule(EpsilonSchedule.start(1.0, 50))
            .seed(2)
            .build();
    SearchResult r = search.run();
    assertTrue(Thread.interrupted());
    assertEquals(SearchResult.Status.INTERRUPTED, r.status());
    assertEquals(5, r.history().size());
  }
}
