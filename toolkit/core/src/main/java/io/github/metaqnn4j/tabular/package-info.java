/**
 * Tabular benchmarks: every architecture of a small space trained once with a fixed scheme, its
 * learning curve recorded ({@link CurveRecorder}, {@link CurveTable}), then looked up instead of
 * trained ({@link TabularEvaluator}), so that a paper-length search runs in seconds for teaching,
 * notebooks, tests and the study of early-stopping rules.
 *
 * <p>Depends on {@code space}, {@code agent} and {@code search}; never on training. The tables in
 * the repository's {@code data/} folder ship inside the core jar.
 *
 * <pre>{@code
 * var bench = TabularEvaluator.fashionMnistSmall();
 * Search.qLearning(bench.space()).evaluator(bench).run();
 * }</pre>
 */
package io.github.metaqnn4j.tabular;
