/**
 * Tables and figures from a store or a live search: the top models, accuracy by iteration and
 * epsilon. Reads; never trains.
 *
 * <pre>{@code
 * try (var store = ExperimentStore.open(Path.of("runs/demo.db"))) {
 *   ExperimentReport.of(store.models()).writeTo(Path.of("runs/report"), 10);
 * }
 * }</pre>
 */
package io.github.metaqnn4j.analysis;
