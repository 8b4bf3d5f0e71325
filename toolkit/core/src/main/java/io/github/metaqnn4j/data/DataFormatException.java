package io.github.metaqnn4j.data;

import java.nio.file.Path;

/**
 * A dataset file that is not what it should be: wrong format, truncated, or failing its checksum.
 * The message names the file, what is wrong, and how to fix it.
 */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public DataFormatException(Path file, String problem, String fix) {
    super(message(file, problem, fix));
    this.file = file;
  }

  public DataFormatException(Path file, String problem, String fix, Throwable cause) {
    super(message(file, problem, fix), cause);
    this.file = file;
  }

  private static String message(Path file, String problem, String fix) {
    return file + ": " + problem + "." + (fix.isEmpty() ? "" : " " + fix);
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
