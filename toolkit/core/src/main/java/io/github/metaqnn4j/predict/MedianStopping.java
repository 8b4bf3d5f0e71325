package io.github.metaqnn4j.predict;

import io.github.metaqnn4j.search.EarlyStoppingPolicy;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.StoppingRule;
import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The median rule (Optuna's MedianPruner, Google Vizier's median stopping): after {@code warmUp}
 * models, a model stops after epoch t (at least {@code minEpochs}) when its best accuracy so far is
 * below the median of the earlier models' best accuracy up to epoch t.
 *
 * @param warmUp models trained before any stop (default 5)
 * @param minEpochs the first epoch after which a model may stop (default 1)
 */
public record MedianStopping(int warmUp, int minEpochs) implements EarlyStoppingPolicy {
  static final MedianStopping DEFAULT = new MedianStopping(5, 1);

  public MedianStopping {
    if (warmUp < 1 || minEpochs < 1) {
      throw new IllegalArgumentException(
          "warmUp and minEpochs must be at least 1, got " + warmUp + " and " + minEpochs);
    }
  }

  public MedianStopping warmUp(int models) {
    return new MedianStopping(models, minEpochs);
  }

  public MedianStopping minEpochs(int epochs) {
    return new MedianStopping(warmUp, epochs);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("rule", "median", "warmUp", warmUp, "minEpochs", minEpochs);
  }

  @Override
  public StoppingRule newRule() {
    return new Rule(this);
  }

  /** The running best of every model learned from, epoch by epoch. */
  private static final class Rule extends FreezingRule {
    private final MedianStopping policy;
    private final List<double[]> runningBest = new ArrayList<>();

    Rule(MedianStopping policy) {
      this.policy = policy;
    }

    @Override
    public void learn(Architecture architecture, Evaluation e) {
      if (!e.failed()) {
        runningBest.add(runningBest(e.curve()));
      }
    }

    @Override
    public StoppingRule frozen() {
      if (runningBest.size() < policy.warmUp) {
        return NEVER;
      }
      return new Frozen(List.copyOf(runningBest), policy.minEpochs);
    }
  }

  private record Frozen(List<double[]> earlier, int minEpochs) implements StoppingRule {
    @Override
    public Decision decide(Architecture architecture, List<Double> curve) {
      int t = curve.size();
      if (t < minEpochs) {
        return Decision.GO;
      }
      double[] atT =
          earlier.stream().filter(b -> b.length >= t).mapToDouble(b -> b[t - 1]).toArray();
      if (atT.length == 0) {
        return Decision.GO;
      }
      double median = median(atT);
      double best = runningBest(curve)[t - 1];
      return best < median
          ? Decision.stop(
              String.format(
                  Locale.ROOT, "best %.3f below the median %.3f at epoch %d", best, median, t))
          : Decision.GO;
    }
  }

  static double[] runningBest(List<Double> curve) {
    double[] b = new double[curve.size()];
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < b.length; i++) {
      best = Math.max(best, curve.get(i));
      b[i] = best;
    }
    return b;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
