package io.github.metaqnn4j.train;

/**
 * The size of a network: trainable parameters and the floating-point operations of one forward pass
 * of one image (a multiply-add counts 2; pooling and averaging count 1 per input read).
 *
 * <pre>{@code
 * Networks.stats(Architecture.parse("[C(32,3,1), P(2,2), FC(128), SM(10)]"), 1, 28, 10);
 * }</pre>
 */
public record NetworkStats(long parameters, long flops) {}
