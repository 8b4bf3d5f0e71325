package io.github.metaqnn4j.agent;

import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.State;

/**
 * One entry of the Q table: the learned value of choosing {@code action} in {@code state}.
 *
 * <pre>{@code
 * agent.q().entries().get(0);   // QValue[state=start@0 r8, action=C(8,3,1), value=0.5]
 * }</pre>
 */
public record QValue(State state, Layer action, double value) {}
