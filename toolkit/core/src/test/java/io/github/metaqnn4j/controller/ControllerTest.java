package io.github.metaqnn4j.controller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.space.Architecture;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerTest {
  private static final ChoiceSpace SEED_SPACE =
      ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();

  @Test
  void choicesMapToArchitecturesTheEvaluatorsKnow() {
    assertEquals(8, SEED_SPACE.decisions().size());
    assertEquals(1296, SEED_SPACE.size(), "(2 x 3)^4");
    Architecture a = SEED_SPACE.architecture(new int[] {1, 2, 1, 2, 0, 0, 1, 1});
    assertEquals(Architecture.parse("[C(64,3,1), C(64,3,1), C(16,1,1), C(32,3,1), SM(10)]"), a);
    assertTrue(SEED_SPACE.stateSpace().accepts(a));
    assertArrayEquals(new int[] {1, 2, 1, 2, 0, 0, 1, 1}, SEED_SPACE.picks(a));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SEED_SPACE.architecture(new int[] {0, 3, 0, 0, 0, 0, 0, 0}));
    assertEquals("layer 0 filters: pick 3 is not in 0..2", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ChoiceSpace.layers(2).choice("depth", 1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ChoiceSpace.layers(2).choice("kernel", 3).classes(1).build());
  }

  /** The analytic gradient (BPTT through the LSTM) against central differences. */
  @Test
  void theGradientIsTheDerivativeOfTheObjective() {
    LstmPolicy policy = new LstmPolicy(new int[] {2, 3, 2}, 5, 4, Rng.of(3));
    int[] picks = {1, 2, 0};
    double advantage = 0.7;
    double beta = 0.3;
    double[] analytic = policy.gradient(picks, advantage, beta);
    double[] p = policy.parameters();
    double eps = 1e-6;
    double worst = 0;
    for (int k = 0; k < p.length; k++) {
      double keep = p[k];
      p[k] = keep + eps;
      double up = advantage * policy.logProbability(picks) + beta * policy.entropy(picks);
      p[k] = keep - eps;
      double down = advantage * policy.logProbability(picks) + beta * policy.entropy(picks);
      p[k] = keep;
      double numeric = (up - down) / (2 * eps);
      worst = Math.max(worst, Math.abs(numeric - analytic[k]));
    }
    assertTrue(worst < 1e-6, "largest difference " + worst);
  }

  /** Two arms, one decision: a reward above the baseline makes its arm more likely, below less. */
  @Test
  void reinforceMovesTowardArmsAboveTheBaseline() {
    ChoiceSpace arms = ChoiceSpace.layers(1).choice("kernel", 1, 3).build();
    Controller c = Controller.on(arms, ControllerSettings.defaults().batch(2), 1);
    Architecture arm0 = arms.architecture(new int[] {0});
    Architecture arm1 = arms.architecture(new int[] {1});
    double before = c.policy().probabilities(new int[] {1})[0][1];
    c.learn(List.of(arm0, arm1), new double[] {0.0, 1.0}); // baseline 0.5
    double after = c.policy().probabilities(new int[] {1})[0][1];
    assertTrue(after > before, before + " -> " + after);
    c.learn(List.of(arm1, arm1), new double[] {0.0, 0.0}); // below 0.5
    assertTrue(c.policy().probabilities(new int[] {1})[0][1] < after);
  }

  /** On a reward known in advance the controller converges to its best architecture. */
  @Test
  void itConvergesToTheBestOnASyntheticReward() {
    ChoiceSpace space =
        ChoiceSpace.layers(3).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
    Controller c =
        Controller.on(space, ControllerSettings.defaults().batch(8).learningRate(0.03), 7);
    for (int update = 0; update < 150; update++) {
      List<Architecture> batch = c.sample();
      double[] rewards = batch.stream().mapToDouble(ControllerTest::reward).toArray();
      c.learn(batch, rewards);
    }
    assertEquals(Architecture.parse("[C(64,3,1), C(64,3,1), C(64,3,1), SM(10)]"), c.greedy());
  }

  /** Kernel 3 and more filters are better: the best is C(64,3,1) three times. */
  private static double reward(Architecture a) {
    double r = 0.2;
    for (var layer : a.layers()) {
      if (layer instanceof io.github.metaqnn4j.space.Conv conv) {
        r += (conv.kernel() == 3 ? 0.1 : 0) + conv.filters() / 640.0;
      }
    }
    return r;
  }

  /** On a MetaQNN space the controller designs only legal architectures, and learns there too. */
  @Test
  void onAStateSpaceItWalksOnlyLegalActions() {
    var space = io.github.metaqnn4j.space.StateSpace.small().maxDepth(3).build();
    Controller c =
        Controller.on(space, ControllerSettings.defaults().batch(8).learningRate(0.03), 5);
    java.util.Set<Architecture> seen = new java.util.HashSet<>();
    for (int update = 0; update < 120; update++) {
      List<Architecture> batch = c.sample();
      double[] rewards = new double[batch.size()];
      for (int i = 0; i < rewards.length; i++) {
        Architecture a = batch.get(i);
        assertTrue(space.accepts(a), a.toString());
        seen.add(a);
        rewards[i] = 0.1 + 0.2 * a.count("C") - 0.1 * a.count("GAP");
      }
      c.learn(batch, rewards);
    }
    assertTrue(seen.size() > 20, seen.size() + " architectures sampled");
    assertEquals(3, c.greedy().count("C"), "three convolutions pay most: " + c.greedy());
    // the masked gradient is still the derivative of the objective
    LstmPolicy p = c.policy();
    var walk = new GraphWalk(space.graph().start(), space.vocabulary(), index(space), 0);
    int[] picks = p.run(walk, null, io.github.metaqnn4j.agent.Rng.of(2)).picks();
    double[] analytic = p.gradient(walk, picks, 0.5, 0.1);
    double[] w = p.parameters();
    for (int k = 0; k < w.length; k += 37) {
      double keep = w[k];
      w[k] = keep + 1e-6;
      double up = 0.5 * p.logProbability(walk, picks) + 0.1 * p.entropy(walk, picks);
      w[k] = keep - 1e-6;
      double down = 0.5 * p.logProbability(walk, picks) + 0.1 * p.entropy(walk, picks);
      w[k] = keep;
      assertEquals((up - down) / 2e-6, analytic[k], 1e-6, "parameter " + k);
    }
  }

  private static java.util.Map<io.github.metaqnn4j.space.Layer, Integer> index(
      io.github.metaqnn4j.space.StateSpace space) {
    java.util.Map<io.github.metaqnn4j.space.Layer, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < space.vocabulary().size(); i++) {
      index.put(space.vocabulary().get(i), i);
    }
    return index;
  }

  @Test
  void theSameSeedGivesTheSameSamplesAndUpdates() {
    for (int run = 0; run < 2; run++) {
      Controller a = Controller.on(SEED_SPACE, ControllerSettings.defaults(), 11);
      Controller b = Controller.on(SEED_SPACE, ControllerSettings.defaults(), 11);
      for (int update = 0; update < 5; update++) {
        List<Architecture> sa = a.sample();
        List<Architecture> sb = b.sample();
        for (int i = 0; i < sa.size(); i++) {
          assertArrayEquals(SEED_SPACE.picks(sa.get(i)), SEED_SPACE.picks(sb.get(i)));
        }
        double[] rewards = sa.stream().mapToDouble(ControllerTest::reward).toArray();
        a.learn(sa, rewards);
        b.learn(sb, rewards);
      }
      assertArrayEquals(a.policy().parameters(), b.policy().parameters());
    }
  }

  @Test
  void pooledControllersLearnOnlyFromTheirOwnSamples() {
    ControllerSettings settings = ControllerSettings.defaults().batch(2).controllers(2);
    ControllerPool pool = ControllerPool.on(SEED_SPACE, settings, 20);
    Controller fresh0 = Controller.on(SEED_SPACE, settings, 20);
    Controller fresh1 = Controller.on(SEED_SPACE, settings, 21);
    assertArrayEquals(
        fresh1.policy().parameters(), pool.controllers().get(1).policy().parameters());
    // iterations 0, 2, 4, 6 belong to controller 0: two updates of it, none of controller 1
    boolean[] updated = new boolean[4];
    for (int i = 0; i < 8; i += 2) {
      Architecture a = pool.sample(i, Rng.of(i));
      updated[i / 2] = pool.learn(i, a, reward(a));
    }
    assertArrayEquals(new boolean[] {false, true, false, true}, updated);
    assertEquals(2, pool.updates());
    assertArrayEquals(
        fresh1.policy().parameters(), pool.controllers().get(1).policy().parameters());
    assertTrue(
        !java.util.Arrays.equals(
            fresh0.policy().parameters(), pool.controllers().get(0).policy().parameters()));
    assertEquals(pool.controllers().get(0), pool.leader()); // the only one with a baseline
    assertEquals(1, pool.controllerOf(7));
    // both controllers' probabilities, each decision's options summing to 1
    var rows = pool.choiceProbabilities();
    for (int k = 0; k < 2; k++) {
      for (int t = 0; t < SEED_SPACE.decisions().size(); t++) {
        final int c = k;
        final int step = t;
        double sum =
            rows.stream()
                .filter(r -> r.controller() == c && r.step() == step)
                .mapToDouble(ChoiceProbability::probability)
                .sum();
        assertEquals(1.0, sum, 1e-9);
      }
    }
  }
}
