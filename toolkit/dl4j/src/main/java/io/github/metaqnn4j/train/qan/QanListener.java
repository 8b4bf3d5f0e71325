package io.github.metaqnn4j.train.qan;

import io.github.metaqnn4j.store.StoredEpisode;

/** Hears of a QAN run's progress: every step of every episode, and every episode's end. */
public interface QanListener {
  /** Step {@code step} of {@code episode} is done. */
  default void stepFinished(int episode, StoredEpisode.Step step) {}

  /** An episode has ended (and is stored, with a store). */
  default void episodeFinished(StoredEpisode episode) {}
}
