package io.github.metaqnn4j.store;

/**
 * What a committed model survives: every commit survives a crash of the process; {@link #FULL} also
 * survives a power loss or an operating-system crash, at the price of a sync of the file at every
 * commit ({@code scripts/bench-store} prints both costs side by side).
 *
 * <pre>{@code
 * Search.qLearning(space).evaluator(evaluator).store("runs/search.db").durability(Durability.FULL);
 * ExperimentStore.open(Path.of("runs/search.db"), Durability.FULL);
 * }</pre>
 */
public enum Durability {
  /**
   * SQLite's WAL with {@code synchronous=NORMAL} (the default): the log is synced at checkpoints,
   * so a power loss may drop the last committed models; a killed process loses none.
   */
  NORMAL,
  /** WAL with {@code synchronous=FULL}: the log is synced at every commit. */
  FULL;

  /** SQLite's {@code synchronous} setting for it. */
  String pragma() {
    return "PRAGMA synchronous=" + name();
  }
}
