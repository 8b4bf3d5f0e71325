package io.github.metaqnn4j.search;

/**
 * How a learning curve becomes the agent's reward. The paper uses the best validation accuracy.
 *
 * <pre>{@code
 * Reward.BEST.of(evaluation);
 * }</pre>
 */
public enum Reward {
  /** The best validation accuracy over all epochs (the paper's choice). */
  BEST,
  /** The validation accuracy after the last epoch. */
  LAST;

  /** The reward of an evaluation that did not fail. */
  public double of(Evaluation e) {
    return this == BEST ? e.best() : e.last();
  }
}
