package io.github.metaqnn4j.notebook;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Installs the toolkit's renderers in a JJava-based kernel, found through {@link
 * java.util.ServiceLoader}: by the metaqnn4j kernel at start-up, and by a stock JJava kernel when
 * the toolkit is added with {@code %maven io.github.metaqnn4j:metaqnn4j-toolkit:...}.
 */
public final class NotebookExtension implements Extension {
  @Override
  public void install(BaseKernel kernel) {
    Renderers.registerAll(kernel.getRenderer());
  }
}
