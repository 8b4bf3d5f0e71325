package io.github.metaqnn4j.search;

import io.github.metaqnn4j.space.Architecture;

/**
 * Observes a search: progress bars, notebook displays and stores implement the methods they need.
 * Listeners run on the search's thread, except {@link #epochFinished}, which runs on the worker
 * training the model when the search has several workers; an exception thrown by one stops the
 * search.
 *
 * <pre>{@code
 * SearchListener print = new SearchListener() {
 *   public void modelFinished(ModelRecord r) { System.out.println(r.architecture() + " " + r.reward()); }
 * };
 * }</pre>
 */
public interface SearchListener {
  /** When {@link Search#run()} starts, before its first model (after the restored ones). */
  default void searchStarted(Search search) {}

  /** After every epoch of a model being trained. */
  default void epochFinished(int iteration, Architecture architecture, Epoch epoch) {}

  /** After every iteration, evaluated or reused, once the agent has learned from it. */
  default void modelFinished(ModelRecord record) {}

  /** After the last model, or when the search stops early. */
  default void searchFinished(SearchResult result) {}
}
