package io.github.metaqnn4j.space;

/**
 * One transition of a trajectory: from {@code state}, at true representation size {@code size}, the
 * agent chose {@code action}.
 *
 * <pre>{@code
 * var space = StateSpace.small().build();
 * space.walk(Architecture.parse("[C(8,3,1), SM(10)]")).get(0).action();   // C(8,3,1)
 * }</pre>
 */
public record Step(State state, int size, Layer action) {}
