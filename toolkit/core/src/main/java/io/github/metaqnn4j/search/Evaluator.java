package io.github.metaqnn4j.search;

import io.github.metaqnn4j.space.Architecture;

/**
 * Turns an architecture into a learning curve: trains it (package {@code train}) or computes a
 * known function of it ({@link SyntheticEvaluator}). Must report every epoch through {@link
 * EvaluationContext#epochDone} and stop when it returns false. Exceptions are recorded by the
 * search as failed models.
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
}
