package io.github.metaqnn4j.controller;

import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * {@code settings.controllers()} independent controllers whose samples are pooled: iteration i is
 * designed by controller {@code i mod n}, which learns from its own samples only, one update per
 * {@code settings.batch()} of them. Several controllers guard against the collapse of a single one
 * onto one architecture (the seed code's README admits it): each must collapse for the search to.
 * With one controller this is the plain REINFORCE loop of a {@link Controller}. A search uses it
 * one iteration at a time, in order, so that a resumed search replays the same updates.
 *
 * <pre>{@code
 * var space = ChoiceSpace.layers(2).choice("kernel", 1, 3).build();
 * var pool = ControllerPool.on(space, ControllerSettings.defaults().controllers(2), 7);
 * Architecture a = pool.sample(0, Rng.of(1));       // iteration 0: controller 0 designs it
 * pool.learn(0, a, 0.8);                             // its update comes after 4 such rewards
 * }</pre>
 */
public final class ControllerPool {
  private final ControllerSettings settings;
  private final List<Controller> controllers;
  private final List<List<Architecture>> designs = new ArrayList<>();
  private final List<List<Double>> rewards = new ArrayList<>();
  private int updates;

  private ControllerPool(ControllerSettings settings, LongFunction<Controller> make, long seed) {
    this.settings = settings;
    this.controllers =
        IntStream.range(0, settings.controllers()).mapToObj(k -> make.apply(seed + k)).toList();
    for (int k = 0; k < controllers.size(); k++) {
      designs.add(new ArrayList<>());
      rewards.add(new ArrayList<>());
    }
  }

  /**
   * Controllers that make the decisions of a choice space; controller k has seed {@code seed+k}.
   */
  public static ControllerPool on(ChoiceSpace space, ControllerSettings settings, long seed) {
    return new ControllerPool(settings, s -> Controller.on(space, settings, s), seed);
  }

  /** Controllers that walk a MetaQNN state space; controller k has seed {@code seed + k}. */
  public static ControllerPool on(StateSpace space, ControllerSettings settings, long seed) {
    return new ControllerPool(settings, s -> Controller.on(space, settings, s), seed);
  }

  public ControllerSettings settings() {
    return settings;
  }

  /** The controllers, in pool order. */
  public List<Controller> controllers() {
    return controllers;
  }

  /** The number of policy updates made so far, all controllers together. */
  public int updates() {
    return updates;
  }

  /** The controller that designs {@code iteration}. */
  public int controllerOf(int iteration) {
    return Math.floorMod(iteration, controllers.size());
  }

  /** Iteration {@code iteration}'s architecture, drawn by its controller with {@code rng}. */
  public Architecture sample(int iteration, Rng rng) {
    return controllers.get(controllerOf(iteration)).sample(rng);
  }

  /**
   * Gives iteration {@code iteration}'s reward to the controller that designed it; once it holds a
   * full batch, that controller takes one REINFORCE step.
   *
   * @return whether a policy changed
   */
  public boolean learn(int iteration, Architecture architecture, double reward) {
    int k = controllerOf(iteration);
    designs.get(k).add(architecture);
    rewards.get(k).add(reward);
    if (designs.get(k).size() < settings.batch()) {
      return false;
    }
    controllers
        .get(k)
        .learn(
            List.copyOf(designs.get(k)),
            rewards.get(k).stream().mapToDouble(Double::doubleValue).toArray());
    designs.get(k).clear();
    rewards.get(k).clear();
    updates++;
    return true;
  }

  /**
   * The controller whose rewards are highest: the largest moving-average baseline (the first
   * controller before any update).
   */
  public Controller leader() {
    return controllers.stream()
        .filter(c -> !Double.isNaN(c.baseline()))
        .max(Comparator.comparingDouble(Controller::baseline))
        .orElse(controllers.get(0));
  }

  /** The leader's greedy architecture. */
  public Architecture greedy() {
    return leader().greedy();
  }

  /** Every controller's choice probabilities along its greedy path. */
  public List<ChoiceProbability> choiceProbabilities() {
    List<ChoiceProbability> out = new ArrayList<>();
    for (int k = 0; k < controllers.size(); k++) {
      out.addAll(controllers.get(k).choiceProbabilities(k));
    }
    return out;
  }
}
