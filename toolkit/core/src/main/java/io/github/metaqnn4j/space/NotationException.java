package io.github.metaqnn4j.space;

/**
 * Text that is not an architecture in the paper's notation. The message names the position (0-based
 * character offset), what was expected there and what was found, and shows the text with a caret.
 */
public final class NotationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final int position;
  private final String expected;

  NotationException(String text, int position, String expected) {
    super(message(text, position, expected));
    this.text = text;
    this.position = position;
    this.expected = expected;
  }

  /** The text that failed to parse. */
  public String text() {
    return text;
  }

  /** The 0-based offset in {@link #text()} where parsing stopped. */
  public int position() {
    return position;
  }

  /** What the parser expected at {@link #position()}. */
  public String expected() {
    return expected;
  }

  private static String message(String text, int position, String expected) {
    String found =
        position >= text.length()
            ? "the end of the text"
            : "'" + Echo.of(String.valueOf(text.charAt(position))) + "'";
    Echo.Window w = Echo.window(text, position, Echo.MOST);
    return "Cannot read architecture at position "
        + position
        + ": expected "
        + expected
        + " but found "
        + found
        + "\n  "
        + w.text()
        + "\n  "
        + " ".repeat(w.caret())
        + "^\nWrite layers as in the paper, e.g. [C(64,3,1), P(2,2), FC(512), SM(10)].";
  }
}
