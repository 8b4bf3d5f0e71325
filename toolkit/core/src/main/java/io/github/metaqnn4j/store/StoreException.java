package io.github.metaqnn4j.store;

/** A store that cannot be used: not an experiment, too new, damaged, or for another search. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
