package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.controller.ChoiceSpace;
import io.github.metaqnn4j.controller.Controller;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.train.CpuAcceleration;
import io.github.metaqnn4j.train.Dl4jEvaluator;
import io.github.metaqnn4j.train.TrainingScheme;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The controller-RNN seed's own experiment at CPU scale: 4 convolution layers, kernel {1, 3} and
 * filters {16, 32, 64}, trained by Deeplearning4j on a Fashion-MNIST subsample for one epoch each;
 * the controller learns from the best validation accuracy with REINFORCE. Prints every update and
 * the architecture it converges to. Run with {@code scripts/bench-controller}.
 */
public final class ControllerExperiment {
  private ControllerExperiment() {}

  public static void main(String[] args) {
    int updates = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 2_500;
    CpuAcceleration.ensure();
    System.out.printf(
        Locale.ROOT,
        "CPU: %s, %d cores; metaqnn4j %s%n",
        Provenance.cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        Provenance.version());
    ChoiceSpace space =
        ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
    Splits data = Datasets.fashionMnist().validation(500).subsample(images).seed(1).load();
    Dl4jEvaluator evaluator = Dl4jEvaluator.on(data).scheme(TrainingScheme.paper().epochs(1));
    Controller controller = Controller.on(space, ControllerSettings.defaults().batch(4), 1);
    Map<Architecture, Double> trained = new HashMap<>();
    long start = System.nanoTime();
    for (int u = 1; u <= updates; u++) {
      List<Architecture> batch = controller.sample();
      double[] rewards = new double[batch.size()];
      for (int i = 0; i < rewards.length; i++) {
        Architecture a = batch.get(i);
        rewards[i] =
            trained.computeIfAbsent(
                a,
                x -> {
                  Evaluation e = evaluator.evaluate(x, trained.size() + 1L);
                  return e.failed() ? 0 : e.best();
                });
      }
      controller.learn(batch, rewards);
      System.out.printf(
          Locale.ROOT,
          "update %2d: mean reward %.4f, baseline %.4f, %d networks trained, %.0f s; greedy %s%n",
          u,
          java.util.Arrays.stream(rewards).average().orElse(0),
          controller.baseline(),
          trained.size(),
          (System.nanoTime() - start) / 1e9,
          controller.greedy());
    }
    var best = trained.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "converged to %s (validation %.4f if trained); best trained %s at %.4f; %d of %d networks%n",
        controller.greedy(),
        trained.getOrDefault(controller.greedy(), Double.NaN),
        best.getKey(),
        best.getValue(),
        trained.size(),
        space.size());
  }
}
