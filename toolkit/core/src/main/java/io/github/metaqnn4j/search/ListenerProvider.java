package io.github.metaqnn4j.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Supplies a listener that every search gets without asking for it, found with {@link
 * ServiceLoader}: the notebook package's live progress display is one, and it declines outside a
 * notebook. {@link SearchBuilder#quiet()} turns them off for a search.
 *
 * <pre>{@code
 * // META-INF/services/io.github.metaqnn4j.search.ListenerProvider names the implementation
 * public final class Beep implements ListenerProvider {
 *   public Optional<SearchListener> listenerFor(Search s) { return Optional.empty(); }
 * }
 * }</pre>
 */
public interface ListenerProvider {
  /** A listener for {@code search}, or empty where this provider does not apply. */
  Optional<SearchListener> listenerFor(Search search);

  /** The listeners every provider on the class path offers for {@code search}. */
  static List<SearchListener> all(Search search) {
    List<SearchListener> out = new ArrayList<>();
    ServiceLoader.load(ListenerProvider.class, ListenerProvider.class.getClassLoader())
        .forEach(p -> p.listenerFor(search).ifPresent(out::add));
    return out;
  }
}
