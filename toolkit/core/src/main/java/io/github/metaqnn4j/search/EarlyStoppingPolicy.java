package io.github.metaqnn4j.search;

import java.util.Map;

/**
 * Makes the stopping rule of one search: rules learn from the search's models, so each search gets
 * a fresh one. The policies of package {@code predict} ({@code EarlyStopping.predicted()}, {@code
 * median()}, {@code successiveHalving()}) are the ones to use.
 *
 * <pre>{@code
 * Search.qLearning(space).evaluator(e).earlyStopping(EarlyStopping.predicted().delta(0.99)).run();
 * }</pre>
 */
@FunctionalInterface
public interface EarlyStoppingPolicy {
  /** A fresh rule for a new search. */
  StoppingRule newRule();

  /** The policy's settings, stored with a search and compared when it resumes. */
  default Map<String, Object> settings() {
    return Map.of("rule", "custom");
  }
}
