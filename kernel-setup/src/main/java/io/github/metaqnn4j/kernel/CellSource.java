package io.github.metaqnn4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell as the kernel reads it: line magics ({@code %name args} on a line of their own), an
 * optional cell magic ({@code %%name args} as the first line, applying to the rest of the cell) and
 * the Java between them. Magics are handled before JShell sees the Java.
 *
 * @param text the cell
 * @param cellMagic the cell magic of the first line, if any
 * @param parts the line magics and Java blocks (of the body, after a cell magic), in order
 */
record CellSource(String text, Optional<Magic> cellMagic, List<Part> parts) {
  private static final Pattern LINE_MAGIC =
      Pattern.compile("^\\s*%([A-Za-z][\\w-]*)(?:\\s+(.*))?$");
  private static final Pattern CELL_MAGIC =
      Pattern.compile("^\\s*%%([A-Za-z][\\w-]*)(?:\\s+(.*))?$");

  /** A line magic or a block of Java. */
  sealed interface Part permits Code, Magic {
    /** The cell line (from 1) this part starts on. */
    int line();
  }

  /** Consecutive lines of Java starting on cell line {@code line}. */
  record Code(String java, int line) implements Part {}

  /** A magic {@code %name args} on cell line {@code line}; {@code args} as written. */
  record Magic(String name, String args, int line) implements Part {}

  private static final Pattern HELP =
      Pattern.compile("^\\s*(%?[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\s*\\?{1,2}\\s*$");

  /**
   * What a help cell asks about: {@code StateSpace.small?} (or {@code ??}, or {@code %maven?}), as
   * in IPython; empty for any other cell.
   */
  static Optional<String> helpTarget(String text) {
    Matcher m = HELP.matcher(text);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Reads a cell. */
  static CellSource parse(String text) {
    String[] lines = text.split("\n", -1);
    int first = 0;
    Optional<Magic> cell = Optional.empty();
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first < lines.length) {
      Matcher m = CELL_MAGIC.matcher(lines[first]);
      if (m.matches()) {
        cell = Optional.of(new Magic(m.group(1), args(m), first + 1));
        first++;
      }
    }
    List<Part> parts = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    int codeStart = -1;
    for (int i = first; i < lines.length; i++) {
      Matcher m = LINE_MAGIC.matcher(lines[i]);
      if (m.matches()) {
        flush(parts, code, codeStart);
        codeStart = -1;
        parts.add(new Magic(m.group(1), args(m), i + 1));
      } else {
        if (codeStart < 0) {
          codeStart = i + 1;
        } else {
          code.append('\n');
        }
        code.append(lines[i]);
      }
    }
    flush(parts, code, codeStart);
    return new CellSource(text, cell, List.copyOf(parts));
  }

  private static String args(Matcher m) {
    return m.group(2) == null ? "" : m.group(2).strip();
  }

  private static void flush(List<Part> parts, StringBuilder code, int start) {
    if (start > 0 && !code.toString().isBlank()) {
      parts.add(new Code(code.toString(), start));
    }
    code.setLength(0);
  }

  /** Every magic of the cell, the cell magic first. */
  List<Magic> magics() {
    List<Magic> all = new ArrayList<>();
    cellMagic.ifPresent(all::add);
    parts.stream().filter(p -> p instanceof Magic).map(p -> (Magic) p).forEach(all::add);
    return all;
  }

  /**
   * The cell with its magic lines blanked out (same length, same line breaks), so that positions in
   * it are positions in the cell: what completion, inspection and is-complete analyse.
   */
  String javaView() {
    String[] lines = text.split("\n", -1);
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean magic =
          (i == cellMagic.map(m -> m.line() - 1).orElse(-1)) || LINE_MAGIC.matcher(line).matches();
      sb.append(magic ? " ".repeat(line.length()) : line);
      if (i < lines.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** The magic on cell line {@code line} (from 1), if that line is one. */
  Optional<Magic> magicOnLine(int line) {
    return magics().stream().filter(m -> m.line() == line).findFirst();
  }
}
