package io.github.metaqnn4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.Softmax;
import io.github.metaqnn4j.space.State;
import io.github.metaqnn4j.space.StateGraph.Path;
import io.github.metaqnn4j.space.StateSpace;
import org.junit.jupiter.api.Test;

class QUpdateTest {
  private static final double EPS = 1e-12;

  // 8x8 input, 2 classes; vocabulary C(4,3,1), P(2,2), SM(2).
  private final StateSpace space =
      StateSpace.paper()
          .imageSize(8)
          .classes(2)
          .maxDepth(2)
          .convFilters(4)
          .convKernels(3)
          .pools(new Pool(2, 2))
          .maxConsecutiveFc(0)
          .globalAveragePooling(false)
          .build();
  private final Layer conv = new Conv(4, 3, 1);
  private final Layer pool = new Pool(2, 2);
  private final Layer sm = new Softmax(2);

  @Test
  void reversedUpdateMatchesHandComputedValues() {
    QLearningAgent agent = new QLearningAgent(space, new QLearningSettings(0.5, 0.9, 0.5, 0));
    Path path = space.graph().path(Architecture.parse("[C(4,3,1), SM(2)]"));
    State start = space.start();
    State afterConv = space.next(start, 8, conv);

    agent.update(path, 1.0);
    // last transition first: Q(C, SM) = 0.5 + 0.5 * (1.0 - 0.5) = 0.75
    assertEquals(0.75, agent.q().value(afterConv, sm), EPS);
    // then Q(start, C) = 0.5 + 0.5 * (0.9 * max(0.75, 0.5, 0.5) - 0.5) = 0.5875
    assertEquals(0.5875, agent.q().value(start, conv), EPS);

    agent.update(path, 0.0);
    // Q(C, SM) = 0.75 + 0.5 * (0 - 0.75) = 0.375
    assertEquals(0.375, agent.q().value(afterConv, sm), EPS);
    // Q(start, C) = 0.5875 + 0.5 * (0.9 * max(0.375, 0.5, 0.5) - 0.5875) = 0.51875
    assertEquals(0.51875, agent.q().value(start, conv), EPS);

    // untouched entries keep their initial value
    assertEquals(0.5, agent.q().value(afterConv, conv), EPS);
    assertEquals(0.5, agent.q().value(afterConv, pool), EPS);
    assertEquals(0.5, agent.q().value(start, sm), EPS);
  }

  @Test
  void paperDefaultsOnALongerPath() {
    QLearningAgent agent = new QLearningAgent(space, QLearningSettings.paper());
    Path path = space.graph().path(Architecture.parse("[C(4,3,1), P(2,2), SM(2)]"));
    agent.update(path, 0.9);
    State s0 = space.start();
    State s1 = space.next(s0, 8, conv);
    State s2 = space.next(s1, 8, pool);
    // alpha 0.01, gamma 1: Q(P,SM) = 0.5 + 0.01 * (0.9 - 0.5) = 0.504
    assertEquals(0.504, agent.q().value(s2, sm), EPS);
    // Q(C,P) = 0.5 + 0.01 * (max(0.504, 0.5) - 0.5) = 0.50004
    assertEquals(0.50004, agent.q().value(s1, pool), EPS);
    // Q(start,C) = 0.5 + 0.01 * (max over s1's legal actions (0.50004) - 0.5) = 0.5000004
    assertEquals(0.5000004, agent.q().value(s0, conv), EPS);
  }

  @Test
  void replayAppliesStoredRewards() {
    QLearningAgent agent = new QLearningAgent(space, new QLearningSettings(0.5, 1.0, 0.5, 3));
    ReplayMemory memory = new ReplayMemory(space.graph());
    Architecture a = Architecture.parse("[SM(2)]");
    memory.add(new Experience(a, 1.0, 1.0, 0));
    agent.replay(memory, Rng.of(3));
    // three updates of Q(start, SM) towards 1.0: 0.5 -> 0.75 -> 0.875 -> 0.9375
    assertEquals(0.9375, agent.q().value(space.start(), sm), EPS);
  }

  @Test
  void greedyFollowsTheHighestValues() {
    QLearningAgent agent = new QLearningAgent(space, QLearningSettings.paper());
    State s0 = space.start();
    agent.q().setValue(s0, conv, 0.9);
    State s1 = space.next(s0, 8, conv);
    agent.q().setValue(s1, pool, 0.8);
    agent.q().setValue(space.next(s1, 8, pool), sm, 0.7);
    assertEquals("[C(4,3,1), P(2,2), SM(2)]", agent.greedy().architecture().toString());
    assertEquals(agent.greedy(), agent.sample(0.0, Rng.of(1)));
  }

  @Test
  void unknownPairsAreRejected() {
    QTable q = new QTable(space.graph(), 0.5);
    var e = assertThrows(IllegalArgumentException.class, () -> q.value(space.start(), pool));
    assertEquals("no Q entry for P(2,2) in state start@0 r8: not a reachable pair", e.getMessage());
  }
}
