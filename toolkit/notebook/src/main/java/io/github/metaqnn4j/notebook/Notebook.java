package io.github.metaqnn4j.notebook;

import java.util.Optional;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/** Whether code runs in a notebook cell: a JJava-based kernel is running and attached to a cell. */
final class Notebook {
  private Notebook() {}

  /** The kernel, when this code runs inside a cell of one. */
  static Optional<BaseKernel> kernel() {
    BaseKernel k;
    try {
      k = BaseKernel.notebookKernel();
    } catch (NullPointerException noKernel) {
      return Optional.empty(); // JJava's way of saying that no kernel runs in this JVM
    } catch (NoClassDefFoundError noJJava) {
      return Optional.empty(); // the toolkit without JJava's protocol layer: never a notebook
    }
    return k != null && k.getIO().display.isAttached() ? Optional.of(k) : Optional.empty();
  }
}
