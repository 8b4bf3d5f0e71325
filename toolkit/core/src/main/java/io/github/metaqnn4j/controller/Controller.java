package io.github.metaqnn4j.controller;

import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.StateSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The controller of Zoph & Le's policy-gradient search, on a {@link ChoiceSpace}: an {@link
 * LstmPolicy} samples a batch of architectures; after they are evaluated, REINFORCE moves it toward
 * those that beat the baseline (an exponential moving average of the reward), with an entropy bonus
 * against collapse onto one architecture, the gradient's norm clipped, and Adam steps. Every random
 * choice comes from the seed.
 *
 * <pre>{@code
 * var space = ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
 * var controller = Controller.on(space, ControllerSettings.defaults(), 1);
 * List<Architecture> batch = controller.sample();
 * controller.learn(batch, rewards);      // one reward per architecture of the batch
 * controller.greedy();                   // the architecture it currently prefers
 * }</pre>
 */
public final class Controller {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;

  private final ChoiceSpace space;
  private final Walk start;
  private final Function<int[], Architecture> decoder;
  private final Function<Architecture, int[]> encoder;
  private final Naming naming;
  private final ControllerSettings settings;
  private final LstmPolicy policy;
  private final Rng rng;
  private final double[] m;
  private final double[] v;
  private int steps;
  private double baseline = Double.NaN;

  /** A controller that makes the decisions of a {@link ChoiceSpace}. */
  public static Controller on(ChoiceSpace space, ControllerSettings settings, long seed) {
    List<ChoiceSpace.Decision> decisions = space.decisions();
    return new Controller(
        space,
        Walk.fixed(space.options()),
        space::architecture,
        space::picks,
        new Naming(
            t -> "layer " + (decisions.get(t).layer() + 1) + " " + decisions.get(t).name(),
            (t, k) -> String.valueOf(decisions.get(t).values().get(k))),
        new LstmPolicy(
            space.options(), settings.hidden(), settings.embedding(), Rng.of(seed).derive(0)),
        settings,
        seed);
  }

  private Controller(
      ChoiceSpace space,
      Walk start,
      Function<int[], Architecture> decoder,
      Function<Architecture, int[]> encoder,
      Naming naming,
      LstmPolicy policy,
      ControllerSettings settings,
      long seed) {
    this.space = space;
    this.start = start;
    this.decoder = decoder;
    this.encoder = encoder;
    this.naming = naming;
    this.policy = policy;
    this.settings = settings;
    this.rng = Rng.of(seed).derive(1);
    this.m = new double[policy.parameters().length];
    this.v = new double[m.length];
  }

  /**
   * A controller that walks a MetaQNN state space: at each step one layer of the space's
   * vocabulary, among those legal at the current state and size, until the softmax. It designs
   * exactly the architectures Q-learning and random search can, for comparisons on the same
   * evaluator.
   */
  public static Controller on(StateSpace space, ControllerSettings settings, long seed) {
    List<Layer> vocabulary = space.vocabulary();
    Map<Layer, Integer> index = new HashMap<>();
    for (int i = 0; i < vocabulary.size(); i++) {
      index.put(vocabulary.get(i), i);
    }
    Walk start = new GraphWalk(space.graph().start(), vocabulary, index, 0);
    Function<int[], Architecture> decoder =
        picks -> new Architecture(Arrays.stream(picks).mapToObj(vocabulary::get).toList());
    Function<Architecture, int[]> encoder =
        a -> {
          space
              .check(a)
              .ifPresent(
                  why -> {
                    throw new IllegalArgumentException(why);
                  });
          return a.layers().stream().mapToInt(index::get).toArray();
        };
    LstmPolicy policy =
        new LstmPolicy(
            new int[] {vocabulary.size()},
            1 + vocabulary.size(),
            settings.hidden(),
            settings.embedding(),
            Rng.of(seed).derive(0));
    Naming naming = new Naming(t -> "step " + (t + 1), (t, k) -> vocabulary.get(k).notation());
    return new Controller(null, start, decoder, encoder, naming, policy, settings, seed);
  }

  /** The choice space, or null for a controller on a MetaQNN state space. */
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

  /** A batch of {@code settings.batch()} architectures, drawn from the policy. */
  public List<Architecture> sample() {
    List<Architecture> out = new ArrayList<>();
    for (int i = 0; i < settings.batch(); i++) {
      out.add(decoder.apply(policy.run(start, null, rng).picks()));
    }
    return out;
  }

  /**
   * One architecture drawn from the policy with {@code rng}: a search draws iteration i's with the
   * random stream of i, so that it samples the same architectures when it is resumed.
   */
  public Architecture sample(Rng rng) {
    return decoder.apply(policy.run(start, null, Objects.requireNonNull(rng, "rng")).picks());
  }

  /** The architecture the policy currently prefers: the most probable pick at every step. */
  public Architecture greedy() {
    return decoder.apply(policy.run(start, null, null).picks());
  }

  /**
   * One REINFORCE update from the rewards of a batch: the gradient of {@code (R - b) log pi + beta
   * H} averaged over the batch, clipped to {@code clipNorm}, then an Adam ascent step; the baseline
   * then moves toward the batch's mean reward.
   *
   * @return the norm of the gradient before clipping
   * @throws IllegalArgumentException when the rewards do not match the batch, or an architecture is
   *     not one this controller can design
   */
  public double learn(List<Architecture> batch, double[] rewards) {
    if (batch.size() != rewards.length || batch.isEmpty()) {
      throw new IllegalArgumentException("give one reward per architecture of the batch");
    }
    double mean = 0;
    for (double r : rewards) {
      mean += r / rewards.length;
    }
    double b = Double.isNaN(baseline) ? mean : baseline;
    double[] grad = new double[m.length];
    for (int i = 0; i < rewards.length; i++) {
      double[] g =
          policy.gradient(
              start, encoder.apply(batch.get(i)), rewards[i] - b, settings.entropyWeight());
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
    return policy.run(start, null, null).probabilities();
  }

  /**
   * The policy's probabilities along its greedy path, one row per option it can pick there: on a
   * choice space each decision is named by its layer and choice ("layer 2 kernel") and each option
   * by its value; on a state space each decision is a step ("step 1") and each option a layer.
   *
   * @param controller the number this controller has in its pool, copied into each row
   */
  public List<ChoiceProbability> choiceProbabilities(int controller) {
    double[][] p = probabilities();
    List<ChoiceProbability> out = new ArrayList<>();
    for (int t = 0; t < p.length; t++) {
      for (int k = 0; k < p[t].length; k++) {
        if (p[t][k] > 0) {
          out.add(
              new ChoiceProbability(
                  controller, t, naming.decision().apply(t), naming.option().apply(t, k), p[t][k]));
        }
      }
    }
    return out;
  }

  /** How decisions and their options are named in {@link #choiceProbabilities}. */
  private record Naming(
      java.util.function.IntFunction<String> decision,
      java.util.function.BiFunction<Integer, Integer, String> option) {}
}
