package io.github.metaqnn4j.search;

import io.github.metaqnn4j.space.Architecture;
import java.util.Map;

/**
 * Turns an architecture into a learning curve: trains it (package {@code train}) or computes a
 * known function of it ({@link SyntheticEvaluator}). Must report every epoch through {@link
 * EvaluationContext#epochDone} and stop when it returns false. Runtime exceptions and {@link
 * OutOfMemoryError}s are recorded by the search as failed models; other errors end the search.
 *
 * <pre>{@code
 * Evaluator constant = (arch, ctx) -> {
 *   ctx.epochDone(new Epoch(1, 0.5, 1.0, 0.0));
 *   return Evaluation.completed(ctx.curve(), 0.0);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Evaluator {
  /** Evaluates one architecture. */
  Evaluation evaluate(Architecture architecture, EvaluationContext context);

  /**
   * Checks, before a search starts, that this evaluator can evaluate the architectures of {@code
   * space} (a tabular benchmark holds only its own space's); by default it can.
   *
   * @throws IllegalArgumentException saying what does not fit
   */
  default void check(io.github.metaqnn4j.space.StateSpace space) {}

  /**
   * The settings that decide this evaluator's results (training scheme, dataset and split), as a
   * JSON-like tree of maps, lists, records, strings and numbers: stored with a search and compared
   * when it resumes. None by default.
   */
  default Map<String, Object> settings() {
    return Map.of();
  }

  /**
   * Where this evaluator runs (backend, library versions, checksums of data files): recorded with
   * every session of a stored search, never compared. None by default.
   */
  default Map<String, Object> provenance() {
    return Map.of();
  }
}
