package io.github.metaqnn4j.kernel;

import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What a cell can ask of the notebook it runs in. The kernel's startup imports these statically.
 *
 * <pre>{@code
 * for (int i = 0; i < 3; i++) { clearOutput(true); System.out.println("step " + i); }
 * display(render(table, Map.of("rows", 100)));   // a table with 100 rows instead of 20
 * }</pre>
 */
public final class Cell {
  private Cell() {}

  /**
   * {@code value} rendered with parameters for its renderer, e.g. {@code Map.of("rows", 100)} for a
   * table's rows; show it with {@code display(...)}.
   *
   * @throws IllegalStateException outside a running kernel
   */
  public static DisplayData render(Object value, Map<String, Object> params) {
    return JShellKernel.running()
        .orElseThrow(() -> new IllegalStateException("render(value, params) needs the kernel"))
        .getRenderer()
        .render(value, params);
  }

  /** Clears the output of the running cell now. */
  public static void clearOutput() {
    clearOutput(false);
  }

  /** Clears the output of the running cell, now or (wait = true) just before its next output. */
  public static void clearOutput(boolean wait) {
    JShellKernel.running().ifPresent(k -> k.clearOutput(wait));
  }
}
