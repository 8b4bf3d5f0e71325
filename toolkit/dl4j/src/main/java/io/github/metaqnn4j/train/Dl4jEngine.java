package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluator;

/** Deeplearning4j as a {@link TrainingEngine}: {@link Dl4jEvaluator}, the default. */
final class Dl4jEngine implements TrainingEngine {
  @Override
  public String name() {
    return "dl4j";
  }

  @Override
  public String description() {
    return CpuAcceleration.ensure().summary();
  }

  @Override
  public int workers() {
    return Devices.workers();
  }

  @Override
  public Evaluator evaluator(Splits data, TrainingScheme scheme) {
    return Dl4jEvaluator.on(data).scheme(scheme);
  }

  @Override
  public int shareCpu(int workers) {
    return Devices.cuda() ? 0 : Devices.shareCpu(workers);
  }
}
