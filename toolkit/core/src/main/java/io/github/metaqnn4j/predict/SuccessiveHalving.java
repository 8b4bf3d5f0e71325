package io.github.metaqnn4j.predict;

import io.github.metaqnn4j.search.EarlyStoppingPolicy;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.StoppingRule;
import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA; the rung rule of Hyperband): rungs stand at epochs r, r
 * eta, r eta^2, ...; a model that reaches a rung goes on only if its accuracy there is in the top
 * 1/eta of all models that reached that rung, itself included. With fewer than eta models at a
 * rung, it goes on.
 *
 * @param minEpochs r, the first rung (default 1)
 * @param eta the reduction factor, at least 2 (default 3)
 */
public record SuccessiveHalving(int minEpochs, int eta) implements EarlyStoppingPolicy {
  static final SuccessiveHalving DEFAULT = new SuccessiveHalving(1, 3);

  public SuccessiveHalving {
    if (minEpochs < 1 || eta < 2) {
      throw new IllegalArgumentException(
          "minEpochs must be at least 1 and eta at least 2, got " + minEpochs + " and " + eta);
    }
  }

  public SuccessiveHalving minEpochs(int epochs) {
    return new SuccessiveHalving(epochs, eta);
  }

  public SuccessiveHalving eta(int factor) {
    return new SuccessiveHalving(minEpochs, factor);
  }

  /** Whether epoch {@code t} is a rung. */
  boolean isRung(int t) {
    for (long r = minEpochs; r <= t; r *= eta) {
      if (r == t) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("rule", "successive halving", "minEpochs", minEpochs, "eta", eta);
  }

  @Override
  public StoppingRule newRule() {
    return new Rule(this);
  }

  private static final class Rule extends FreezingRule {
    private final SuccessiveHalving policy;
    private final List<List<Double>> curves = new ArrayList<>();

    Rule(SuccessiveHalving policy) {
      this.policy = policy;
    }

    @Override
    public void learn(Architecture architecture, Evaluation e) {
      if (!e.failed()) {
        curves.add(e.curve());
      }
    }

    @Override
    public StoppingRule frozen() {
      return new Frozen(policy, List.copyOf(curves));
    }
  }

  private record Frozen(SuccessiveHalving policy, List<List<Double>> earlier)
      implements StoppingRule {
    @Override
    public Decision decide(Architecture architecture, List<Double> curve) {
      int t = curve.size();
      if (!policy.isRung(t)) {
        return Decision.GO;
      }
      double mine = curve.get(t - 1);
      int reached = 1;
      int better = 0;
      for (List<Double> c : earlier) {
        if (c.size() >= t) {
          reached++;
          if (c.get(t - 1) > mine) {
            better++;
          }
        }
      }
      int promoted = reached / policy.eta;
      if (reached < policy.eta || better < promoted) {
        return Decision.GO;
      }
      return Decision.stop(
          String.format(
              Locale.ROOT, "rung %d: %.3f is not in the top %d of %d", t, mine, promoted, reached));
    }
  }
}
