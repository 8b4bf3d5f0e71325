package io.github.metaqnn4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.FullyConnected;
import io.github.metaqnn4j.space.GlobalAveragePooling;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.QValueNoise;
import io.github.metaqnn4j.space.Softmax;
import io.github.metaqnn4j.space.StateGraph.Path;
import io.github.metaqnn4j.space.StateSpace;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of sampled trajectories, checked against the paper's rules written out again here,
 * independently of the space's own rule code.
 */
class TrajectoryPropertyTest {
  private static final int TRAJECTORIES = 5_000;

  @ParameterizedTest
  @ValueSource(strings = {"cifar10", "svhn", "mnist", "small"})
  void sampledTrajectoriesNeverBreakARule(String preset) {
    StateSpace space =
        switch (preset) {
          case "cifar10" -> StateSpace.cifar10().build();
          case "svhn" -> StateSpace.svhn().build();
          case "mnist" -> StateSpace.mnist().build();
          default -> StateSpace.small().build();
        };
    QLearningAgent agent = new QLearningAgent(space, QLearningSettings.paper());
    QValueNoise.randomize(agent.q(), Rng.of(99)); // random Q values so greedy steps vary too
    Rng rng = Rng.of(2024);
    Set<Architecture> distinct = new HashSet<>();
    int maxDepthSeen = 0;
    Set<String> typesSeen = new HashSet<>();
    for (int i = 0; i < TRAJECTORIES; i++) {
      double epsilon = i % 2 == 0 ? 1.0 : 0.3;
      Path path = agent.sample(epsilon, rng);
      Architecture a = path.architecture();
      assertNull(independentViolation(space, a), () -> a + " breaks a rule");
      assertTrue(space.accepts(a));
      assertEquals(a, Architecture.parse(a.toString()));
      assertEquals(path, space.graph().path(a));
      var steps = space.walk(a);
      for (int k = 0; k < steps.size(); k++) {
        assertEquals(path.node(k).state(), steps.get(k).state());
        assertEquals(path.node(k).size(), steps.get(k).size());
      }
      distinct.add(a);
      maxDepthSeen = Math.max(maxDepthSeen, a.depth());
      a.layers().forEach(l -> typesSeen.add(l.type()));
    }
    // the samples really explore: many distinct architectures, every layer type, deep ones
    assertTrue(distinct.size() > 1000, "distinct: " + distinct.size());
    assertEquals(Set.of("C", "P", "FC", "GAP", "SM"), typesSeen);
    assertTrue(maxDepthSeen >= space.settings().maxDepth() - 2, "deepest: " + maxDepthSeen);
  }

  /** The paper's rules, applied to a whole architecture; returns the first violation or null. */
  static String independentViolation(StateSpace s, Architecture a) {
    List<Layer> layers = a.layers();
    int last = layers.size() - 1;
    if (!(layers.get(last) instanceof Softmax sm) || sm.classes() != s.classes()) {
      return "does not end with SM(classes)";
    }
    if (last > s.settings().maxDepth()) {
      return "deeper than " + s.settings().maxDepth();
    }
    int size = s.imageSize();
    int fcRun = 0;
    Layer prev = null;
    for (int i = 0; i < last; i++) {
      Layer l = layers.get(i);
      if (prev instanceof GlobalAveragePooling) {
        return "layer after GAP";
      }
      if (l instanceof Softmax) {
        return "softmax before the end";
      }
      if (l instanceof Conv c) {
        if (prev instanceof FullyConnected) return "conv after FC";
        if (!s.settings().convFilters().contains(c.filters())
            || !s.settings().convKernels().contains(c.kernel())) {
          return "conv outside the vocabulary";
        }
        if (c.stride() != 1) return "conv stride";
        if (c.kernel() >= size) return "conv kernel " + c.kernel() + " >= size " + size;
      } else if (l instanceof Pool p) {
        if (prev == null) return "pooling first";
        if (prev instanceof Pool) return "pooling after pooling";
        if (prev instanceof FullyConnected) return "pooling after FC";
        if (!s.settings().pools().contains(p)) return "pool outside the vocabulary";
        if (p.kernel() >= size) return "pool kernel >= size";
        size = (int) Math.ceil((size - p.kernel() + 1) / (double) p.stride());
      } else if (l instanceof FullyConnected fc) {
        if (!s.settings().fcSizes().contains(fc.units())) return "FC outside the vocabulary";
        if (prev instanceof FullyConnected pf) {
          if (fc.units() > pf.units()) return "FC grows";
          if (++fcRun > 2) return "more than 2 FC in a row";
        } else {
          if (size >= 8) return "FC from size " + size + " (bin (inf,8])";
          fcRun = 1;
        }
        size = 1;
      } else if (l instanceof GlobalAveragePooling g) {
        if (prev instanceof FullyConnected) return "GAP after FC";
        if (g.classes() != s.classes()) return "GAP channels";
      }
      prev = l;
    }
    return null;
  }
}
