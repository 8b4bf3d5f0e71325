/**
 * The toolkit in notebooks: renderers for Tablesaw tables, XChart charts, state spaces, search
 * results and reports, registered with JJava-based kernels through {@link
 * io.github.metaqnn4j.notebook.NotebookExtension}; the live progress display every search started
 * in a cell gets; and {@link io.github.metaqnn4j.notebook.Show#show}, which displays in a notebook
 * and prints or opens a window in a terminal.
 *
 * <p>Depends on search, analysis, space and store; nothing depends on it.
 *
 * <pre>{@code
 * show(StateSpace.small().build());          // an HTML summary in a notebook, text in JShell
 * }</pre>
 */
package io.github.metaqnn4j.notebook;
