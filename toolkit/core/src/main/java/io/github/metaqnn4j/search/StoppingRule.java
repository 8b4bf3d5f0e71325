package io.github.metaqnn4j.search;

import io.github.metaqnn4j.space.Architecture;
import java.util.List;

/**
 * Decides after each epoch whether a model should stop training early, from its learning curve so
 * far. Learning-curve prediction (package {@code predict}) implements it; {@link #NEVER} trains
 * every model fully.
 *
 * <pre>{@code
 * StoppingRule belowHalf = (arch, curve) -> curve.size() >= 2 && curve.get(1) < 0.5;
 * }</pre>
 */
@FunctionalInterface
public interface StoppingRule {
  /** Never stops a model. */
  StoppingRule NEVER = (architecture, curve) -> false;

  /** Whether to stop {@code architecture} after the epochs whose accuracies are {@code curve}. */
  boolean shouldStop(Architecture architecture, List<Double> curve);
}
