package io.github.metaqnn4j.kernel;

import java.util.List;

/**
 * Why a cell failed, already formatted for the notebook: the error's name is the exception's class
 * name (Jupyter shows it), its message a one-line summary, and {@link #lines()} the traceback.
 */
class CellException extends RuntimeException {
  private final List<String> lines;

  CellException(String summary, List<String> lines) {
    super(summary, null, false, false);
    this.lines = List.copyOf(lines);
  }

  /** The traceback lines, without line breaks. */
  List<String> lines() {
    return lines;
  }

  /** Java in a cell does not compile; the lines point at the cell line. */
  static final class CompilationFailed extends CellException {
    CompilationFailed(String summary, List<String> lines) {
      super(summary, lines);
    }
  }

  /** Code in a cell threw; the lines are its trimmed stack trace, cell lines named. */
  static final class ExceptionInCell extends CellException {
    ExceptionInCell(String summary, List<String> lines) {
      super(summary, lines);
    }
  }

  /** A magic line could not be carried out. */
  static final class MagicFailed extends CellException {
    MagicFailed(String summary) {
      super(summary, List.of(summary));
    }
  }

  /** The cell was interrupted. */
  static final class Interrupted extends CellException {
    Interrupted(String summary) {
      super(summary, List.of(summary));
    }
  }
}
