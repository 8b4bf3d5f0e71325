package io.github.metaqnn4j.kernel;

/**
 * What a cell can ask of the notebook it runs in. The kernel's startup imports these statically.
 *
 * <pre>{@code
 * for (int i = 0; i < 3; i++) { clearOutput(true); System.out.println("step " + i); }
 * }</pre>
 */
public final class Cell {
  private Cell() {}

  /** Clears the output of the running cell now. */
  public static void clearOutput() {
    clearOutput(false);
  }

  /** Clears the output of the running cell, now or (wait = true) just before its next output. */
  public static void clearOutput(boolean wait) {
    JShellKernel.running().ifPresent(k -> k.clearOutput(wait));
  }
}
