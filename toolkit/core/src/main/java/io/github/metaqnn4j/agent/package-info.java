/**
 * The Q-learning agent of MetaQNN: the Q table, the epsilon schedule, the replay memory, epsilon-
 * greedy sampling (the paper's Algorithm 2) and the reversed trajectory update (Algorithm 3).
 *
 * <p>Depends only on {@code space}; no Deeplearning4j, no I/O.
 *
 * <pre>{@code
 * var space = StateSpace.small().build();
 * var agent = new QLearningAgent(space, QLearningSettings.paper());
 * var path  = agent.sample(1.0, Rng.of(42));      // a random architecture
 * agent.update(path, 0.83);                       // reward = validation accuracy
 * }</pre>
 */
package io.github.metaqnn4j.agent;
