/**
 * The metaqnn4j Jupyter kernel: JShell as the evaluator, in the kernel's JVM, behind JJava's
 * Jupyter protocol layer ({@code org.dflib.jjava:jjava-jupyter}).
 *
 * <p>Install it with {@code kernel-setup/install} (a kernel spec whose class path holds the toolkit
 * and whose start-up files import it); then in a notebook:
 *
 * <pre>{@code
 * var space = StateSpace.small().build();
 * space                                    // shown as HTML
 * %maven org.apache.commons:commons-math3:3.6.1
 * }</pre>
 *
 * <p>{@link io.github.metaqnn4j.kernel.KernelMain} starts it as Jupyter does; {@link
 * io.github.metaqnn4j.kernel.JShellKernel} answers the protocol's requests; the evaluator runs
 * cells snippet by snippet and names cell lines in errors; magics ({@code %maven}, {@code
 * %mavenRepo}, {@code %jars}, {@code %classpath}, {@code %load}, {@code %time}, {@code %%time}) are
 * handled before JShell sees the Java.
 */
package io.github.metaqnn4j.kernel;
