package io.github.metaqnn4j.tabular;

import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of made-up learning curves with known asymptotes, for tests and teaching: every
 * architecture of a small space gets y_t = a - b t^-c plus Gaussian noise, where the asymptote a =
 * 0.35 + 0.09 (convolutions) - 0.03 (FC layers) + 0.02 (pooling layers), capped at 0.95, and b, c
 * vary by architecture. {@link #asymptote} tells the true a.
 *
 * <pre>{@code
 * var table = SyntheticCurves.table(StateSpace.small().maxDepth(3).build(), 12, 0.005, 1);
 * TabularEvaluator.of(table, space);
 * }</pre>
 */
public final class SyntheticCurves {
  private SyntheticCurves() {}

  /** The asymptote of {@code a}'s curve. */
  public static double asymptote(Architecture a) {
    return Math.min(0.95, 0.35 + 0.09 * a.count("C") - 0.03 * a.count("FC") + 0.02 * a.count("P"));
  }

  /**
   * Curves of {@code epochs} epochs for every architecture of {@code space}, with noise of standard
   * deviation {@code noise}, from {@code seed}.
   */
  public static CurveTable table(StateSpace space, int epochs, double noise, long seed) {
    if (epochs < 2 || !(noise >= 0)) {
      throw new IllegalArgumentException("epochs must be at least 2 and noise not negative");
    }
    List<CurveTable.Curve> curves = new ArrayList<>();
    List<Architecture> all = space.graph().architectures(CurveRecorder.MAX_ARCHITECTURES);
    for (int i = 0; i < all.size(); i++) {
      Architecture a = all.get(i);
      Rng rng = Rng.of(seed).derive(i);
      double top = asymptote(a);
      double b = top * (0.4 + 0.4 * rng.nextDouble());
      double c = 0.5 + 1.5 * rng.nextDouble();
      List<Double> v = new ArrayList<>();
      List<Double> flat = new ArrayList<>();
      for (int t = 1; t <= epochs; t++) {
        double y = top - b * Math.pow(t, -c) + noise * gaussian(rng);
        v.add(Math.max(0, Math.min(1, y)));
        flat.add(1.0);
      }
      curves.add(new CurveTable.Curve(a, 1000.0 * a.size(), 1e6 * a.size(), v, v, flat, flat, ""));
    }
    return new CurveTable("synthetic", curves);
  }

  private static double gaussian(Rng rng) {
    double u = Math.max(1e-12, rng.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}
