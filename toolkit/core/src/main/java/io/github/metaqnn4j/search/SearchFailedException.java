package io.github.metaqnn4j.search;

/**
 * A search ended because too many models in a row failed to train, which points at the setup rather
 * than the architectures. The message quotes the first of those failures; the store, if any,
 * records the end and keeps every model.
 */
public final class SearchFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SearchFailedException(String message) {
    super(message);
  }
}
