package io.github.metaqnn4j.controller;

/**
 * The probability a controller's policy gives one option of one decision, along its greedy path:
 * the counterpart, for policy gradient, of a Q value.
 *
 * <pre>{@code
 * controller.choiceProbabilities(0).get(0);
 * // ChoiceProbability[controller=0, step=0, decision=layer 1 kernel, option=1, probability=0.5]
 * }</pre>
 *
 * @param controller the controller's number in its pool (0 for a single one)
 * @param step the decision's position, from 0
 * @param decision its name: "layer 1 kernel" on a choice space, "step 1" on a state space
 * @param option the option: a value, or a layer's notation
 * @param probability the policy's probability of picking it
 */
public record ChoiceProbability(
    int controller, int step, String decision, String option, double probability) {}
