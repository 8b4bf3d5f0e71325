/**
 * Training with Deeplearning4j: builds a network from any legal architecture, runs the paper's
 * training scheme and implements {@link io.github.metaqnn4j.search.Evaluator}. The only package of
 * the toolkit that imports Deeplearning4j and ND4J; device handling (the fast CPU path, GPUs) lives
 * here.
 *
 * <pre>{@code
 * var data = Datasets.fashionMnist().validation(500).subsample(2_000).load();
 * var evaluator = Dl4jEvaluator.on(data).scheme(TrainingScheme.paper().epochs(2));
 * var result = evaluator.evaluate(Architecture.parse("[C(8,3,1), P(2,2), SM(10)]"), 1);
 * }</pre>
 */
package io.github.metaqnn4j.train;
