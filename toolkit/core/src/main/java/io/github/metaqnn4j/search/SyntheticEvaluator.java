package io.github.metaqnn4j.search;

import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.space.Architecture;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * An evaluator whose final accuracy is a known function of the architecture, for tests and
 * teaching: no training, a deterministic learning curve that rises linearly from half the final
 * accuracy to the final accuracy, plus optional seeded noise.
 *
 * <pre>{@code
 * var target = Architecture.parse("[C(16,5,1), P(2,2), SM(10)]");
 * var eval = SyntheticEvaluator.towards(target).epochs(5);
 * eval.accuracy(target);   // 1.0, the unique best
 * }</pre>
 */
public final class SyntheticEvaluator implements Evaluator {
  private final ToDoubleFunction<Architecture> accuracy;
  private final int epochs;
  private final double noise;

  private SyntheticEvaluator(ToDoubleFunction<Architecture> accuracy, int epochs, double noise) {
    this.accuracy = Objects.requireNonNull(accuracy, "accuracy");
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (!(noise >= 0)) {
      throw new IllegalArgumentException("noise must not be negative, got " + noise);
    }
    this.epochs = epochs;
    this.noise = noise;
  }

  /** Final accuracy given by {@code accuracy} (values are clamped to [0, 1]). */
  public static SyntheticEvaluator of(ToDoubleFunction<Architecture> accuracy) {
    return new SyntheticEvaluator(accuracy, 5, 0);
  }

  /**
   * Final accuracy {@code 0.1 + 0.9 * k / n}, where {@code k} is the number of positions at which
   * the architecture has the same layer as {@code target} and {@code n} is the target's length. The
   * target alone scores 1.0, so the best path is known; every matching layer earns the same share
   * wherever it stands, so the agent can learn the target layer by layer.
   */
  public static SyntheticEvaluator towards(Architecture target) {
    Objects.requireNonNull(target, "target");
    return of(
        a -> {
          int k = 0;
          for (int i = 0; i < Math.min(a.size(), target.size()); i++) {
            if (a.layer(i).equals(target.layer(i))) {
              k++;
            }
          }
          return 0.1 + 0.9 * k / target.size();
        });
  }

  /** The number of epochs of every curve (default 5). */
  public SyntheticEvaluator epochs(int epochs) {
    return new SyntheticEvaluator(accuracy, epochs, noise);
  }

  /** Gaussian noise of this standard deviation on every epoch, seeded by the model's seed. */
  public SyntheticEvaluator noise(double standardDeviation) {
    return new SyntheticEvaluator(accuracy, epochs, standardDeviation);
  }

  /** The final accuracy of an architecture, without noise. */
  public double accuracy(Architecture architecture) {
    return clamp(accuracy.applyAsDouble(architecture));
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("type", "synthetic", "epochs", epochs, "noise", noise);
  }

  @Override
  public Evaluation evaluate(Architecture architecture, EvaluationContext context) {
    double fin = accuracy(architecture);
    Rng rng = Rng.of(context.seed());
    for (int t = 1; t <= epochs; t++) {
      double y = fin * (0.5 + 0.5 * t / epochs);
      if (noise > 0) {
        y += noise * gaussian(rng);
      }
      if (!context.epochDone(new Epoch(t, clamp(y), 1 - clamp(y), 0))) {
        return Evaluation.stoppedEarly(context.curve(), 0);
      }
    }
    return Evaluation.completed(context.curve(), 0);
  }

  private static double gaussian(Rng rng) {
    double u1 = Math.max(rng.nextDouble(), 1e-300);
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double clamp(double y) {
    return Double.isNaN(y) ? 0 : Math.min(1, Math.max(0, y));
  }
}
