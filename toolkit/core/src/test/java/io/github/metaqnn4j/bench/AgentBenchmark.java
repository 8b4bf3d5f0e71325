package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.agent.Experience;
import io.github.metaqnn4j.agent.QLearningAgent;
import io.github.metaqnn4j.agent.QLearningSettings;
import io.github.metaqnn4j.agent.ReplayMemory;
import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SyntheticEvaluator;
import io.github.metaqnn4j.space.StateSpace;
import java.util.Arrays;

/**
 * The agent's own cost per model on the paper's CIFAR-10 space: epsilon-greedy sampling plus 100
 * replay updates, over the paper's whole schedule (2,700 models), repeated. Prints numbers; run
 * with {@code scripts/bench-agent}.
 */
public final class AgentBenchmark {
  private AgentBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long t0 = System.nanoTime();
    StateSpace space = StateSpace.cifar10().build();
    var graph = space.graph();
    double compileMs = (System.nanoTime() - t0) / 1e6;
    System.out.printf(
        "CIFAR-10 space: %d states, %d state-action pairs, %d (state, size) nodes, %s architectures;"
            + " compiled in %.0f ms%n",
        graph.states().size(),
        graph.stateActionCount(),
        graph.nodes().size(),
        graph.architectureCount(),
        compileMs);

    EpsilonSchedule schedule = EpsilonSchedule.paper();
    int models = schedule.total();
    double[] perModelUs = new double[rounds];
    double[] sampleUs = new double[rounds];
    double[] replayUs = new double[rounds];
    for (int round = -1; round < rounds; round++) { // round -1 warms the JIT up
      QLearningAgent agent = new QLearningAgent(space, QLearningSettings.paper());
      ReplayMemory memory = new ReplayMemory(graph);
      Rng rng = Rng.of(1000 + round);
      long sampleNs = 0;
      long replayNs = 0;
      for (int i = 0; i < models; i++) {
        double epsilon = schedule.epsilonAt(i);
        long a = System.nanoTime();
        var path = agent.sample(epsilon, rng);
        long b = System.nanoTime();
        memory.add(new Experience(path.architecture(), 0.3 + 0.6 * rng.nextDouble(), epsilon, i));
        agent.replay(memory, rng);
        long c = System.nanoTime();
        sampleNs += b - a;
        replayNs += c - b;
      }
      if (round >= 0) {
        sampleUs[round] = sampleNs / 1e3 / models;
        replayUs[round] = replayNs / 1e3 / models;
        perModelUs[round] = sampleUs[round] + replayUs[round];
        System.out.printf(
            "round %d: %.1f us/model (sampling %.1f us, remember + 100 replays %.1f us)%n",
            round + 1, perModelUs[round], sampleUs[round], replayUs[round]);
      }
    }
    Arrays.sort(perModelUs);
    System.out.printf(
        "agent cost per model over the paper's %d-model schedule: median %.1f us, worst %.1f us"
            + " (goal < 1000 us)%n",
        models, perModelUs[rounds / 2], perModelUs[rounds - 1]);

    long s0 = System.nanoTime();
    var result =
        Search.qLearning(space)
            .evaluator(SyntheticEvaluator.of(a -> 0.5 + 0.01 * a.count("C")).epochs(1))
            .schedule(schedule)
            .seed(7)
            .run();
    double searchUs = (System.nanoTime() - s0) / 1e3 / result.history().size();
    System.out.printf(
        "whole search loop with a synthetic evaluator: %d iterations, %.1f us per iteration%n",
        result.history().size(), searchUs);
  }
}
