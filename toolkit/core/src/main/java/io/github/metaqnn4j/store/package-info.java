/**
 * Experiment persistence: an embedded SQLite database (sqlite-jdbc) per experiment, holding its
 * configuration, every model with its learning curve, and the Q values. Written in one transaction
 * per model, so a killed process loses nothing it completed; read back to resume a search.
 *
 * <p>Depends on {@code space} and {@code agent} only; the search writes through it.
 *
 * <pre>{@code
 * try (var store = ExperimentStore.open(Path.of("runs/fashion.db"))) {
 *   store.models().size();
 * }
 * }</pre>
 */
package io.github.metaqnn4j.store;
