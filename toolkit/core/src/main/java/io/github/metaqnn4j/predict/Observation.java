package io.github.metaqnn4j.predict;

import io.github.metaqnn4j.space.Architecture;
import java.util.List;
import java.util.Objects;

/**
 * A fully observed learning curve: validation accuracy after each epoch, the last being the final
 * accuracy y_T that predictors learn to predict.
 */
public record Observation(Architecture architecture, List<Double> curve) {
  public Observation {
    Objects.requireNonNull(architecture, "architecture");
    curve = List.copyOf(curve);
    if (curve.isEmpty()) {
      throw new IllegalArgumentException(architecture + ": a curve needs at least one epoch");
    }
  }

  /** The final accuracy y_T. */
  public double last() {
    return curve.get(curve.size() - 1);
  }

  /** The first {@code t} epochs. */
  public List<Double> prefix(int t) {
    return curve.subList(0, t);
  }
}
