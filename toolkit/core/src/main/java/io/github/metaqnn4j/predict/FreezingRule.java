package io.github.metaqnn4j.predict;

import io.github.metaqnn4j.search.StoppingRule;
import io.github.metaqnn4j.space.Architecture;
import java.util.List;

/**
 * A rule that learns from the search's models and decides through a view of what it has learned so
 * far ({@link #frozen()}), the view the search hands each new evaluation.
 */
abstract class FreezingRule implements StoppingRule {
  @Override
  public final Decision decide(Architecture architecture, List<Double> curve) {
    return frozen().decide(architecture, curve);
  }

  @Override
  public abstract StoppingRule frozen();
}
