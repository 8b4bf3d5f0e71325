package io.github.metaqnn4j.train.qan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.metaqnn4j.agent.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The DQN's update on tiny MDPs whose answers can be worked out by hand. */
class DqnTest {
  private static final double[] S0 = {1, 0};
  private static final double[] S1 = {0, 1};

  @Test
  void theTargetIsTheRewardPlusTheDiscountedBestNextValue() {
    Dqn online = new Dqn(2, 2, 8, 1e-2, 1);
    Dqn target = new Dqn(2, 2, 8, 1e-2, 2); // another network: its values differ
    var terminal = new Dqn.Transition(S0, 1, 1.0, S1, true);
    var onward = new Dqn.Transition(S0, 0, 0.5, S1, false);
    INDArray y = online.targets(List.of(terminal, onward), target, 0.9);
    double[] q0 = online.q(S0);
    double[] next = target.q(S1);
    // terminal: r alone in the taken action, the other action keeps its own value (no error)
    assertEquals(q0[0], y.getDouble(0, 0), 1e-12);
    assertEquals(1.0, y.getDouble(0, 1), 1e-12);
    // onward: r + gamma max_a' Q_target(s', a'), by hand
    assertEquals(0.5 + 0.9 * Math.max(next[0], next[1]), y.getDouble(1, 0), 1e-12);
    assertEquals(q0[1], y.getDouble(1, 1), 1e-12);
  }

  /**
   * Two states in a chain: in s0 action 1 moves to s1 (reward 0), in s1 action 1 ends with reward
   * 1; action 0 ends at once with reward 0. With gamma 0.9: Q(s0) = (0, 0.9), Q(s1) = (0, 1).
   */
  @Test
  void itLearnsTheQValuesOfAChain() {
    Dqn online = new Dqn(2, 2, 16, 2e-2, 3);
    Dqn target = new Dqn(2, 2, 16, 2e-2, 3);
    target.copyFrom(online);
    Replay replay = new Replay(100);
    replay.add(new Dqn.Transition(S0, 1, 0, S1, false));
    replay.add(new Dqn.Transition(S0, 0, 0, S1, true));
    replay.add(new Dqn.Transition(S1, 1, 1, S0, true));
    replay.add(new Dqn.Transition(S1, 0, 0, S0, true));
    Rng rng = Rng.of(4);
    for (int i = 1; i <= 1200; i++) {
      online.update(replay.sample(8, rng), target, 0.9);
      if (i % 40 == 0) {
        target.copyFrom(online);
      }
    }
    double[] q0 = online.q(S0);
    double[] q1 = online.q(S1);
    assertEquals(0.0, q0[0], 0.05);
    assertEquals(0.9, q0[1], 0.05);
    assertEquals(0.0, q1[0], 0.05);
    assertEquals(1.0, q1[1], 0.05);
    assertEquals(1, online.greedy(S0));
  }

  @Test
  void aFullReplayMemoryKeepsTheLatestTransitions() {
    Replay replay = new Replay(3);
    for (int i = 0; i < 5; i++) {
      replay.add(new Dqn.Transition(S0, i, i, S1, true));
    }
    assertEquals(3, replay.size());
    assertEquals(List.of(3, 4, 2), replay.slots().stream().map(Dqn.Transition::action).toList());
    assertEquals(2, replay.nextSlot());
  }
}
