/**
 * Files of other tools: the logs of the original MetaQNN code ({@code q_values.csv} and {@code
 * replay_database.csv}), imported into an experiment store and exported from one.
 *
 * <p>Depends on {@code space}, {@code agent} and {@code store}; never on training.
 *
 * <pre>{@code
 * MetaQnnCsv.export(ExperimentStore.open(Path.of("runs/demo.db")), Path.of("runs/csv"));
 * }</pre>
 */
package io.github.metaqnn4j.interop;
