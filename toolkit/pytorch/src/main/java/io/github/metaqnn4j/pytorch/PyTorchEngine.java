package io.github.metaqnn4j.pytorch;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.train.TrainingEngine;
import io.github.metaqnn4j.train.TrainingScheme;

/**
 * PyTorch as a {@link TrainingEngine} ({@code "pytorch"}): {@link PyTorchEvaluator}. Found by
 * {@link TrainingEngine#named} when this module is on the class path.
 *
 * <pre>{@code
 * TrainingEngine.named("pytorch").evaluator(data, TrainingScheme.paper().epochs(2));
 * }</pre>
 */
public final class PyTorchEngine implements TrainingEngine {
  @Override
  public String name() {
    return "pytorch";
  }

  @Override
  public String description() {
    return Torch.description();
  }

  /** 1: the engine trains on the CPU. */
  @Override
  public int workers() {
    return 1;
  }

  @Override
  public Evaluator evaluator(Splits data, TrainingScheme scheme) {
    return PyTorchEvaluator.on(data).scheme(scheme);
  }

  /** PyTorch's threads per operation become cores / workers (at least 1). */
  @Override
  public int shareCpu(int workers) {
    if (workers > 1) {
      Torch.threads(Math.max(1, Runtime.getRuntime().availableProcessors() / workers));
    }
    return Torch.threads();
  }
}
