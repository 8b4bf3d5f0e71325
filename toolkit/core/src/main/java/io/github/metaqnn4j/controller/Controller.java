package io.github.metaqnn4j.controller;

import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller of Zoph & Le's policy-gradient search, on a {@link ChoiceSpace}: an {@link
 * LstmPolicy} samples a batch of architectures; after they are evaluated, REINFORCE moves it toward
 * those that beat the baseline (an exponential moving average of the reward), with an entropy bonus
 * against collapse onto one architecture, the gradient's norm clipped, and Adam steps. Every random
 * choice comes from the seed.
 *
 * <pre>{@code
 * var space = ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
 * var controller = new Controller(space, ControllerSettings.defaults(), 1);
 * List<int[]> batch = controller.sample();
 * controller.learn(batch, rewards);      // one reward per architecture of the batch
 * controller.greedy();                   // the architecture it currently prefers
 * }</pre>
 */
public final class Controller {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;

  private final ChoiceSpace space;
  private final ControllerSettings settings;
  private final LstmPolicy policy;
  private final Rng rng;
  private final double[] m;
  private final double[] v;
  private int steps;
  private double baseline = Double.NaN;

  public Controller(ChoiceSpace space, ControllerSettings settings, long seed) {
    this.space = space;
    this.settings = settings;
    Rng root = Rng.of(seed);
    this.policy =
        new LstmPolicy(space.options(), settings.hidden(), settings.embedding(), root.derive(0));
    this.rng = root.derive(1);
    this.m = new double[policy.parameters().length];
    this.v = new double[m.length];
  }

  public ChoiceSpace space() {
    return space;
  }

  public LstmPolicy policy() {
    return policy;
  }

  /** The moving average of the rewards so far (NaN before the first update). */
  public double baseline() {
    return baseline;
  }

  /** A batch of {@code settings.batch()} picks, one index per decision each. */
  public List<int[]> sample() {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < settings.batch(); i++) {
      out.add(policy.sample(rng).picks());
    }
    return out;
  }

  /** The architecture of picks. */
  public Architecture architecture(int[] picks) {
    return space.architecture(picks);
  }

  /** The architecture the policy currently prefers: the most probable pick at every step. */
  public Architecture greedy() {
    return space.architecture(policy.greedy().picks());
  }

  /**
   * One REINFORCE update from the rewards of a batch: the gradient of {@code (R - b) log pi + beta
   * H} averaged over the batch, clipped to {@code clipNorm}, then an Adam ascent step; the baseline
   * then moves toward the batch's mean reward.
   *
   * @return the norm of the gradient before clipping
   */
  public double learn(List<int[]> picks, double[] rewards) {
    if (picks.size() != rewards.length || picks.isEmpty()) {
      throw new IllegalArgumentException("give one reward per architecture of the batch");
    }
    double mean = 0;
    for (double r : rewards) {
      mean += r / rewards.length;
    }
    double b = Double.isNaN(baseline) ? mean : baseline;
    double[] grad = new double[m.length];
    for (int i = 0; i < rewards.length; i++) {
      double[] g = policy.gradient(picks.get(i), rewards[i] - b, settings.entropyWeight());
      for (int k = 0; k < grad.length; k++) {
        grad[k] += g[k] / rewards.length;
      }
    }
    double norm = 0;
    for (double g : grad) {
      norm += g * g;
    }
    norm = Math.sqrt(norm);
    double scale = norm > settings.clipNorm() ? settings.clipNorm() / norm : 1;
    double[] p = policy.parameters();
    steps++;
    double lr =
        settings.learningRate()
            * Math.sqrt(1 - Math.pow(BETA2, steps))
            / (1 - Math.pow(BETA1, steps));
    for (int k = 0; k < p.length; k++) {
      double g = grad[k] * scale;
      m[k] = BETA1 * m[k] + (1 - BETA1) * g;
      v[k] = BETA2 * v[k] + (1 - BETA2) * g * g;
      p[k] += lr * m[k] / (Math.sqrt(v[k]) + 1e-8); // ascent: maximise the objective
    }
    baseline =
        Double.isNaN(baseline)
            ? mean
            : settings.baselineDecay() * baseline + (1 - settings.baselineDecay()) * mean;
    return norm;
  }

  /** The policy's probabilities at each decision along its greedy path. */
  public double[][] probabilities() {
    return policy.greedy().probabilities();
  }
}
