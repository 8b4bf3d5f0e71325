package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.store.Durability;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.Lease;
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
  private static final Journal NONE = new Journal(null, null, 0, List.of());

  private final ExperimentStore store;
  private final Lease lease;
  private final int session;
  private final List<StoredModel> stored;
  private boolean ended;

  private Journal(ExperimentStore store, Lease lease, int session, List<StoredModel> stored) {
    this.store = store;
    this.lease = lease;
    this.session = session;
    this.stored = stored;
  }

  static Journal none() {
    return NONE;
  }

  /**
   * Opens {@code file} and holds it ({@link Lease#SEARCH}) until the search ends: a new store
   * records the settings; an existing one must hold the same settings, and its models are handed to
   * the search to replay.
   *
   * @throws StoreException naming the first setting that differs, or the process that holds the
   *     store
   */
  static Journal open(
      Path file,
      Durability durability,
      Map<String, Object> settings,
      Map<String, Object> provenance) {
    ExperimentStore store = ExperimentStore.open(file, durability);
    Lease lease = null;
    try {
      lease = Lease.take(file, Lease.SEARCH, Lease.DEFAULT_EXPIRY);
      store.useSettings(settings);
      List<StoredModel> models = store.models();
      int session = store.startSession(provenance);
      return new Journal(store, lease, session, models);
    } catch (RuntimeException e) {
      if (lease != null) {
        lease.close();
      }
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
      lease.check();
      store.append(r.stored(), qValues);
    }
  }

  /** Writes one iteration of a controller search, with its choice probabilities when given. */
  void recordWithChoices(ModelRecord r, Collection<ChoiceProbability> choices) {
    if (store != null) {
      lease.check();
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
      store.ended(session, status.name(), reason);
    } finally {
      try {
        store.close();
      } finally {
        lease.close();
      }
    }
  }
}
