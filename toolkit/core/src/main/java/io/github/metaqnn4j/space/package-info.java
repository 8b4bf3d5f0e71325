/**
 * The CNN layer state space of MetaQNN (Baker et al., ICLR 2017): the layer vocabulary, the
 * architecture notation of the paper's tables, the fluent {@link
 * io.github.metaqnn4j.space.StateSpace} builder with the transition rules, and representation-size
 * bins.
 *
 * <p>Pure Java: no Deeplearning4j, no I/O, no dependency on any other package of the toolkit.
 *
 * <pre>{@code
 * var space = StateSpace.paper().imageSize(28).classes(10).maxDepth(6).convFilters(16, 32).build();
 * var arch = Architecture.parse("[C(16,3,1), P(2,2), FC(128), SM(10)]");
 * space.accepts(arch);   // true
 * space.describe();      // counts of states by layer type and depth
 * }</pre>
 */
package io.github.metaqnn4j.space;
