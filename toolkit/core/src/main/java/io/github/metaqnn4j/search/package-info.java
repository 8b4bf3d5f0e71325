/**
 * The search loop and its fluent entry point: a state space, an epsilon schedule and an {@link
 * io.github.metaqnn4j.search.Evaluator} tied together, with listeners that observe every model. The
 * Q-learning agent or policy-gradient controllers design the architectures.
 *
 * <p>Depends on {@code space}, {@code agent} and {@code controller}; never on Deeplearning4j
 * (training plugs in through {@code Evaluator}).
 *
 * <pre>{@code
 * var space = StateSpace.small().build();
 * var result = Search.qLearning(space)
 *     .evaluator(SyntheticEvaluator.towards(Architecture.parse("[C(16,5,1), P(2,2), SM(10)]")))
 *     .schedule(EpsilonSchedule.paper().scaledTo(200))
 *     .seed(42)
 *     .run();
 * result.best();
 * }</pre>
 */
package io.github.metaqnn4j.search;
