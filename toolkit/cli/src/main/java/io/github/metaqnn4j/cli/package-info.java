/**
 * The command line (picocli): {@code search}, {@code resume}, {@code report}, {@code finish},
 * {@code export} and {@code import}, thin commands over the same public API a notebook uses. Run it
 * with {@code scripts/metaqnn4j}.
 *
 * <pre>{@code
 * scripts/metaqnn4j search --dataset fashion-mnist --space small --models 60 --epochs 2 \
 *     --subsample 6000 --validation 1000 --store runs/quickstart.db
 * }</pre>
 */
package io.github.metaqnn4j.cli;
