package io.github.metaqnn4j.predict;

import io.github.metaqnn4j.search.EarlyStoppingPolicy;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.StoppingRule;
import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Baker et al.'s rule: once {@code burnIn} models have been trained fully, a model stops after
 * epoch t when its predicted final accuracy is unlikely to reach the target: P(y_T < target) >
 * Delta, with y_T ~ N(mean, sigma_t^2) from the {@link CurvePredictor}. The target is the best
 * final accuracy so far (the paper's), that minus a margin, or the k-th best. The predictor is
 * refitted as fully trained curves arrive (every time their number has grown by a tenth).
 *
 * @param predictor what predicts y_T (default nu-SVR)
 * @param delta the probability above which a model stops, in (0, 1) (default 0.99)
 * @param burnIn fully trained models before any stop (default 100; at least {@value
 *     CurvePredictor#MIN_CURVES})
 * @param margin the target is y_best minus this (default 0)
 * @param kth the target is the k-th best final accuracy (default 1: the best)
 */
public record PredictedStopping(
    CurvePredictor predictor, double delta, int burnIn, double margin, int kth)
    implements EarlyStoppingPolicy {
  static final PredictedStopping DEFAULT =
      new PredictedStopping(CurvePredictor.svr(), 0.99, 100, 0, 1);

  public PredictedStopping {
    Objects.requireNonNull(predictor, "predictor");
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
    }
    if (burnIn < CurvePredictor.MIN_CURVES) {
      throw new IllegalArgumentException(
          "burnIn must be at least " + CurvePredictor.MIN_CURVES + ", got " + burnIn);
    }
    if (!(margin >= 0 && margin < 1)) {
      throw new IllegalArgumentException("margin must be in [0, 1), got " + margin);
    }
    if (kth < 1) {
      throw new IllegalArgumentException("kth must be at least 1, got " + kth);
    }
  }

  public PredictedStopping predictor(CurvePredictor p) {
    return new PredictedStopping(p, delta, burnIn, margin, kth);
  }

  public PredictedStopping delta(double d) {
    return new PredictedStopping(predictor, d, burnIn, margin, kth);
  }

  public PredictedStopping burnIn(int models) {
    return new PredictedStopping(predictor, delta, models, margin, kth);
  }

  /** Targets y_best minus {@code m}: a model stops only if it will not come within m of it. */
  public PredictedStopping margin(double m) {
    return new PredictedStopping(predictor, delta, burnIn, m, kth);
  }

  /** Targets the k-th best final accuracy: a model stops only if it will not enter the top k. */
  public PredictedStopping kthBest(int k) {
    return new PredictedStopping(predictor, delta, burnIn, margin, k);
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("rule", "predicted");
    s.put("predictor", predictor.name());
    s.put("delta", delta);
    s.put("burnIn", burnIn);
    s.put("margin", margin);
    s.put("kth", kth);
    return s;
  }

  @Override
  public StoppingRule newRule() {
    return new Rule(this);
  }

  /** The rule of one search: the fully trained curves so far, and the fit on them. */
  private static final class Rule extends FreezingRule {
    private final PredictedStopping policy;
    private final List<Observation> complete = new ArrayList<>();
    private final List<Double> finals = new ArrayList<>();
    private int epochs;
    private CurvePredictor.Fitted fitted;
    private int fittedOn;

    Rule(PredictedStopping policy) {
      this.policy = policy;
    }

    @Override
    public void learn(Architecture architecture, Evaluation e) {
      if (e.status() != Evaluation.Status.COMPLETED) {
        return;
      }
      if (e.curve().size() > epochs) { // the full length: the longest curve trained
        epochs = e.curve().size();
        complete.removeIf(o -> o.curve().size() < epochs);
      }
      if (e.curve().size() == epochs) {
        complete.add(new Observation(architecture, e.curve()));
        finals.add(e.last());
      }
    }

    @Override
    public StoppingRule frozen() {
      if (complete.size() < policy.burnIn || epochs < 2) {
        return NEVER;
      }
      if (fitted == null || complete.size() >= fittedOn + Math.max(1, fittedOn / 10)) {
        fitted = policy.predictor.fit(List.copyOf(complete));
        fittedOn = complete.size();
      }
      return new Frozen(fitted, target(), policy.delta);
    }

    private double target() {
      List<Double> sorted = new ArrayList<>(finals);
      sorted.sort((a, b) -> Double.compare(b, a));
      return sorted.get(Math.min(policy.kth, sorted.size()) - 1) - policy.margin;
    }
  }

  /** The rule as it stood when an evaluation started. */
  private record Frozen(CurvePredictor.Fitted fitted, double target, double delta)
      implements StoppingRule {
    @Override
    public Decision decide(Architecture architecture, List<Double> curve) {
      if (curve.size() >= fitted.epochs()) {
        return Decision.GO;
      }
      Prediction p = fitted.predict(architecture, curve);
      double probability = p.probabilityBelow(target);
      if (probability <= delta) {
        return Decision.GO;
      }
      return new Decision(
          true,
          p.mean(),
          p.sigma(),
          probability,
          String.format(
              Locale.ROOT,
              "predicted %.3f +- %.3f, P(< %.3f) = %.3f",
              p.mean(),
              p.sigma(),
              target,
              probability));
    }
  }
}
