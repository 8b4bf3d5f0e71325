package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import io.github.metaqnn4j.store.StoredModel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A search's record in its experiment store: the settings (checked on resume), one session per
 * process with its provenance, every model in its own transaction, and how the search ended.
 * Without a store it keeps nothing.
 */
final class Journal {
  private static final Journal NONE = new Journal(null, List.of());

  private final ExperimentStore store;
  private final List<StoredModel> stored;
  private boolean ended;

  private Journal(ExperimentStore store, List<StoredModel> stored) {
    this.store = store;
    this.stored = stored;
  }

  static Journal none() {
    return NONE;
  }

  /**
   * Opens {@code file}: a new store records the settings; an existing one must hold the same
   * settings, and its models are handed to the search to replay.
   *
   * @throws StoreException naming the first setting that differs
   */
  static Journal open(Path file, Map<String, Object> settings, Map<String, Object> provenance) {
    ExperimentStore store = ExperimentStore.open(file);
    try {
      store.useSettings(settings);
      List<StoredModel> models = store.models();
      store.startSession(provenance);
      return new Journal(store, models);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The models stored before this process opened the store, in iteration order. */
  List<StoredModel> stored() {
    return stored;
  }

  /** Writes one iteration, with the Q table when given, in one transaction. */
  void record(ModelRecord r, List<QValue> qValues) {
    if (store != null) {
      store.append(r.stored(), qValues);
    }
  }

  /** Writes one iteration of a controller search, with its choice probabilities when given. */
  void recordWithChoices(ModelRecord r, Collection<ChoiceProbability> choices) {
    if (store != null) {
      store.appendWithChoices(r.stored(), choices);
    }
  }

  /** The error for a store whose iteration {@code i} is not the one this search samples. */
  StoreException mismatch(int iteration, String sampled, String inStore) {
    return new StoreException(
        store.file()
            + " does not match this search: iteration "
            + iteration
            + " samples "
            + sampled
            + " here but "
            + inStore
            + " in the store");
  }

  /** Records how the search ended and why, then closes the store; later calls do nothing. */
  void ended(SearchResult.Status status, String reason) {
    if (store == null || ended) {
      return;
    }
    ended = true;
    try {
      store.ended(status.name(), reason);
    } finally {
      store.close();
    }
  }
}
