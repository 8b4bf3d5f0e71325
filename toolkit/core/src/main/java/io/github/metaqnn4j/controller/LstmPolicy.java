package io.github.metaqnn4j.controller;

import io.github.metaqnn4j.agent.Rng;
import java.util.Arrays;

/**
 * The controller's policy: an LSTM that makes one categorical decision per step, each with a
 * softmax head of its own (Zoph & Le). The input at a step is an embedding of the previous
 * decision's pick (a start token at the first). Parameters are one flat vector, so that an
 * optimiser and gradient clipping see them whole.
 *
 * <pre>{@code
 * var policy = new LstmPolicy(new int[] {2, 3}, 16, 8, Rng.of(1));
 * var episode = policy.sample(Rng.of(2));
 * double[] grad = policy.gradient(episode.picks(), 1.0, 0.0);   // of log pi(picks), scaled by 1
 * }</pre>
 */
public final class LstmPolicy {
  private final int[] options;
  private final int hidden;
  private final int embedding;
  private final int tokens;
  // offsets into params
  private final int oE;
  private final int oW;
  private final int oB;
  private final int[] oV;
  private final int[] oC;
  private final double[] params;

  /**
   * A policy for decisions of {@code options[t]} options each, with an LSTM of {@code hidden} units
   * and input embeddings of {@code embedding}; weights uniform in +-0.1, the forget bias 1.
   */
  public LstmPolicy(int[] options, int hidden, int embedding, Rng init) {
    this(options, 1 + Arrays.stream(options).sum(), hidden, embedding, init);
  }

  /**
   * A policy with softmax heads of {@code options[k]} options and {@code tokens} input tokens; the
   * walk it is run on says which head, input token and legal options each step has.
   */
  LstmPolicy(int[] options, int tokens, int hidden, int embedding, Rng init) {
    if (options.length == 0 || Arrays.stream(options).anyMatch(o -> o < 1)) {
      throw new IllegalArgumentException(
          "every decision needs an option: " + Arrays.toString(options));
    }
    if (hidden < 1 || embedding < 1) {
      throw new IllegalArgumentException("hidden and embedding sizes must be positive");
    }
    this.options = options.clone();
    this.hidden = hidden;
    this.embedding = embedding;
    this.tokens = tokens;
    int n = 0;
    oE = n;
    n += tokens * embedding;
    oW = n;
    n += 4 * hidden * (embedding + hidden);
    oB = n;
    n += 4 * hidden;
    oV = new int[options.length];
    oC = new int[options.length];
    for (int t = 0; t < options.length; t++) {
      oV[t] = n;
      n += options[t] * hidden;
      oC[t] = n;
      n += options[t];
    }
    params = new double[n];
    for (int i = 0; i < n; i++) {
      params[i] = (init.nextDouble() * 2 - 1) * 0.1;
    }
    for (int j = 0; j < hidden; j++) {
      params[oB + hidden + j] = 1.0; // forget gate: remember by default
      params[oB + j] = 0;
      params[oB + 2 * hidden + j] = 0;
      params[oB + 3 * hidden + j] = 0;
    }
  }

  /** The parameters, live: an optimiser updates them in place. */
  double[] parameters() {
    return params;
  }

  /** The number of softmax heads. */
  public int decisions() {
    return options.length;
  }

  /**
   * One sampled sequence of picks and the probabilities the policy gave every option at each step.
   *
   * @param picks the chosen option of each decision
   * @param probabilities at each step, the distribution it was drawn from (0 for illegal options)
   */
  public record Episode(int[] picks, double[][] probabilities) {}

  /** Samples one pick per decision. */
  public Episode sample(Rng rng) {
    return run(Walk.fixed(options), null, rng);
  }

  /** The most probable pick at each step, feeding each pick to the next step. */
  public Episode greedy() {
    return run(Walk.fixed(options), null, null);
  }

  /** The probabilities at each step when the policy is fed these picks. */
  public double[][] probabilities(int[] picks) {
    return run(Walk.fixed(options), picks, null).probabilities();
  }

  /**
   * The gradient of {@code advantage * sum_t log pi(picks_t) + entropyWeight * sum_t H(pi_t)} with
   * respect to the parameters (the direction that makes the picks more likely when the advantage is
   * positive, and the policy less certain).
   */
  public double[] gradient(int[] picks, double advantage, double entropyWeight) {
    return gradient(Walk.fixed(options), picks, advantage, entropyWeight);
  }

  /** The sum of log pi(picks) under the current parameters (for tests and diagnostics). */
  public double logProbability(int[] picks) {
    return logProbability(Walk.fixed(options), picks);
  }

  /** The summed entropy of the policy's distributions when fed these picks. */
  public double entropy(int[] picks) {
    return entropy(Walk.fixed(options), picks);
  }

  /**
   * Runs a walk: fed {@code forced} picks when given, else drawn with {@code rng}, else the most
   * probable.
   */
  Episode run(Walk start, int[] forced, Rng rng) {
    java.util.List<Integer> picks = new java.util.ArrayList<>();
    java.util.List<double[]> probs = new java.util.ArrayList<>();
    double[] h = new double[hidden];
    double[] c = new double[hidden];
    for (Walk w = start; w != null; ) {
      Step s = step(w, h, c);
      h = s.h;
      c = s.c;
      probs.add(s.p);
      int t = picks.size();
      int pick = forced != null ? forced[t] : rng != null ? draw(s.p, rng) : argmax(s.p);
      picks.add(pick);
      w = w.after(pick);
    }
    return new Episode(
        picks.stream().mapToInt(Integer::intValue).toArray(), probs.toArray(new double[0][]));
  }

  double logProbability(Walk start, int[] picks) {
    double[][] probs = run(start, picks, null).probabilities();
    double sum = 0;
    for (int t = 0; t < picks.length; t++) {
      sum += Math.log(probs[t][picks[t]]);
    }
    return sum;
  }

  double entropy(Walk start, int[] picks) {
    double sum = 0;
    for (double[] p : run(start, picks, null).probabilities()) {
      for (double q : p) {
        sum -= q > 0 ? q * Math.log(q) : 0;
      }
    }
    return sum;
  }

  double[] gradient(Walk start, int[] picks, double advantage, double entropyWeight) {
    int T = picks.length;
    Step[] steps = new Step[T];
    double[] h = new double[hidden];
    double[] c = new double[hidden];
    Walk w = start;
    for (int t = 0; t < T; t++) {
      steps[t] = step(w, h, c);
      h = steps[t].h;
      c = steps[t].c;
      w = w.after(picks[t]);
    }
    double[] g = new double[params.length];
    double[] dhNext = new double[hidden];
    double[] dcNext = new double[hidden];
    int in = embedding + hidden;
    for (int t = T - 1; t >= 0; t--) {
      Step s = steps[t];
      int head = s.head;
      int n = options[head];
      // d/dlogits of advantage * log p[pick] + beta * H(p); illegal options have p = 0: no gradient
      double entropy = 0;
      for (int k = 0; k < n; k++) {
        entropy -= s.p[k] > 0 ? s.p[k] * Math.log(s.p[k]) : 0;
      }
      double[] dz = new double[n];
      for (int k = 0; k < n; k++) {
        double logp = s.p[k] > 0 ? Math.log(s.p[k]) : 0;
        dz[k] =
            advantage * ((k == picks[t] ? 1 : 0) - s.p[k])
                - entropyWeight * s.p[k] * (logp + entropy);
      }
      double[] dh = dhNext.clone();
      for (int k = 0; k < n; k++) {
        g[oC[head] + k] += dz[k];
        for (int j = 0; j < hidden; j++) {
          g[oV[head] + k * hidden + j] += dz[k] * s.h[j];
          dh[j] += params[oV[head] + k * hidden + j] * dz[k];
        }
      }
      double[] gate = new double[4 * hidden];
      double[] dcPrev = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        double tc = Math.tanh(s.c[j]);
        double i = s.gates[j];
        double f = s.gates[hidden + j];
        double o = s.gates[2 * hidden + j];
        double gg = s.gates[3 * hidden + j];
        double dc = dh[j] * o * (1 - tc * tc) + dcNext[j];
        gate[j] = dc * gg * i * (1 - i);
        gate[hidden + j] = dc * s.cPrev[j] * f * (1 - f);
        gate[2 * hidden + j] = dh[j] * tc * o * (1 - o);
        gate[3 * hidden + j] = dc * i * (1 - gg * gg);
        dcPrev[j] = dc * f;
      }
      double[] dx = new double[in];
      for (int r = 0; r < 4 * hidden; r++) {
        g[oB + r] += gate[r];
        for (int q = 0; q < in; q++) {
          g[oW + r * in + q] += gate[r] * s.x[q];
          dx[q] += params[oW + r * in + q] * gate[r];
        }
      }
      for (int q = 0; q < embedding; q++) {
        g[oE + s.token * embedding + q] += dx[q];
      }
      dhNext = Arrays.copyOfRange(dx, embedding, in);
      dcNext = dcPrev;
    }
    return g;
  }

  /** The state after one step. */
  private record Step(
      int head,
      int token,
      double[] x,
      double[] cPrev,
      double[] gates,
      double[] c,
      double[] h,
      double[] p) {}

  private Step step(Walk w, double[] hPrev, double[] cPrev) {
    int token = w.token();
    int head = w.head();
    boolean[] legal = w.legal();
    int in = embedding + hidden;
    double[] x = new double[in];
    System.arraycopy(params, oE + token * embedding, x, 0, embedding);
    System.arraycopy(hPrev, 0, x, embedding, hidden);
    double[] gates = new double[4 * hidden];
    for (int r = 0; r < 4 * hidden; r++) {
      double z = params[oB + r];
      for (int q = 0; q < in; q++) {
        z += params[oW + r * in + q] * x[q];
      }
      gates[r] = r < 3 * hidden ? 1 / (1 + Math.exp(-z)) : Math.tanh(z);
    }
    double[] c = new double[hidden];
    double[] h = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      c[j] = gates[hidden + j] * cPrev[j] + gates[j] * gates[3 * hidden + j];
      h[j] = gates[2 * hidden + j] * Math.tanh(c[j]);
    }
    int n = options[head];
    double[] logits = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      if (legal != null && !legal[k]) {
        continue;
      }
      double z = params[oC[head] + k];
      for (int j = 0; j < hidden; j++) {
        z += params[oV[head] + k * hidden + j] * h[j];
      }
      logits[k] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    double[] p = new double[n];
    for (int k = 0; k < n; k++) {
      p[k] = legal != null && !legal[k] ? 0 : Math.exp(logits[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < n; k++) {
      p[k] /= sum;
    }
    return new Step(head, token, x, cPrev.clone(), gates, c, h, p);
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  private static int draw(double[] p, Rng rng) {
    double u = rng.nextDouble();
    double acc = 0;
    for (int k = 0; k < p.length; k++) {
      acc += p[k];
      if (u < acc) {
        return k;
      }
    }
    return p.length - 1;
  }
}
