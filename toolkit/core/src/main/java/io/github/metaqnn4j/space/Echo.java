package io.github.metaqnn4j.space;

/**
 * Input quoted in an error message, kept readable: cut to a few dozen characters (with the full
 * length said), and control characters (terminal escape codes among them) shown as {@code \}{@code
 * uXXXX} rather than sent to the terminal.
 *
 * <pre>{@code
 * Echo.of("e{gc\u001b[31m" + "9".repeat(5000));   // e{gc\u001b[31m999... (5,009 characters)
 * }</pre>
 */
public final class Echo {
  /** The most characters of input an error quotes. */
  public static final int MOST = 60;

  private Echo() {}

  /** {@code text} as an error quotes it. */
  public static String of(String text) {
    return of(text, MOST);
  }

  /** {@code text} as an error quotes it, at most {@code most} characters of it. */
  public static String of(String text, int most) {
    return window(text, 0, most).text();
  }

  /** A quoted stretch of a text and where a position in it falls. */
  record Window(String text, int caret) {}

  /**
   * The stretch of {@code text} around {@code position} (at most {@code most} characters of input),
   * escaped, with the caret's column in the result.
   */
  static Window window(String text, int position, int most) {
    int from = Math.max(0, Math.min(position - most / 2, text.length() - most));
    int to = Math.min(text.length(), from + most);
    StringBuilder b = new StringBuilder();
    if (from > 0) {
      b.append("...");
    }
    int caret = -1;
    for (int i = from; i < to; i++) {
      if (i == position) {
        caret = b.length();
      }
      char c = text.charAt(i);
      b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    if (caret < 0) {
      caret = b.length();
    }
    if (to < text.length()) {
      b.append(String.format(java.util.Locale.ROOT, "... (%,d characters)", text.length()));
    }
    return new Window(b.toString(), caret);
  }
}
