package io.github.metaqnn4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.tabular.SyntheticCurves;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Predictors on synthetic curves y = a - b t^-c whose asymptotes a are known. */
class PredictorTest {
  private static final List<Observation> CURVES =
      SyntheticCurves.table(StateSpace.small().maxDepth(3).build(), 12, 0.004, 5).observations();

  /** Every other curve to fit on, the rest held out. */
  private static List<Observation> half(int parity) {
    List<Observation> out = new ArrayList<>();
    for (int i = parity; i < CURVES.size(); i += 2) {
      out.add(CURVES.get(i));
    }
    return out;
  }

  private static Map<String, PredictionQuality> at(double fraction) {
    Map<String, PredictionQuality> q = new TreeMap<>();
    for (CurvePredictor p : CurvePredictor.all()) {
      q.put(p.name(), PredictionQuality.measure(p, half(0), half(1), fraction).get(0));
    }
    return q;
  }

  @Test
  void sequentialRegressionPredictsTheAsymptoteFromAQuarterOfTheCurve() {
    Map<String, PredictionQuality> q = at(0.25);
    assertEquals(113, q.get("nu-SVR").curves());
    assertEquals(3, q.get("nu-SVR").epoch());
    // the architecture tells the asymptote; the first epochs tell b and c
    assertTrue(q.get("nu-SVR").r2() > 0.9, q.toString());
    assertTrue(q.get("nu-SVR").mae() < 0.02, q.toString());
    assertTrue(q.get("OLS").r2() > 0.8, q.toString());
    // the last value seen is far below the asymptote after 3 of 12 epochs
    assertTrue(q.get("last value").mae() > 2 * q.get("nu-SVR").mae(), q.toString());
  }

  @Test
  void theR2ChartHasOnePointPerPredictorAndFraction() {
    List<PredictionQuality> q = new ArrayList<>();
    for (CurvePredictor p : List.of(CurvePredictor.ols(), CurvePredictor.lastValue())) {
      q.addAll(PredictionQuality.measure(p, half(0), half(1), 0.25, 0.5, 0.75));
    }
    var chart = io.github.metaqnn4j.analysis.PredictionPlots.r2(q);
    assertEquals(List.of("OLS", "last value"), List.copyOf(chart.getSeriesMap().keySet()));
    var ols = chart.getSeriesMap().get("OLS");
    assertEquals(
        List.of(25.0, 50.0, 75.0), java.util.Arrays.stream(ols.getXData()).boxed().toList());
    assertEquals(q.get(1).r2(), ols.getYData()[1]);
  }

  @Test
  void powerLawExtrapolationRecoversAPowerLaw() {
    Observation o =
        new Observation(
            Architecture.parse("[C(8,3,1), SM(10)]"),
            List.of(0.2, 0.4, 0.5, 0.55, 0.58, 0.6, 0.62, 0.63, 0.64, 0.65).stream().toList());
    List<Double> exact = new ArrayList<>();
    for (int t = 1; t <= 10; t++) {
      exact.add(0.8 - 0.5 * Math.pow(t, -0.7));
    }
    var fitted =
        CurvePredictor.powerLaw()
            .fit(List.of(o, o, o, o, new Observation(o.architecture(), exact)));
    double predicted = fitted.predict(o.architecture(), exact.subList(0, 6)).mean();
    assertEquals(exact.get(9), predicted, 1e-3);
  }

  @Test
  void sigmaComesFromCrossValidationAndShrinksAsTheCurveIsSeen() {
    var fitted = CurvePredictor.svr().fit(half(0));
    Observation o = half(1).get(7);
    Prediction early = fitted.predict(o.architecture(), o.prefix(1));
    Prediction late = fitted.predict(o.architecture(), o.prefix(9));
    assertTrue(early.sigma() > late.sigma(), early + " " + late);
    assertTrue(late.sigma() > 0);
    assertEquals(new Prediction(o.last(), 0), fitted.predict(o.architecture(), o.curve()));
    assertEquals(0.5, new Prediction(0.7, 0.1).probabilityBelow(0.7), 1e-12);
    assertEquals(0.9772, new Prediction(0.5, 0.1).probabilityBelow(0.7), 1e-4);
  }

  @Test
  void badInputIsNamed() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> CurvePredictor.svr().fit(CURVES.subList(0, 3)));
    assertEquals("a predictor needs at least 5 curves, got 3", e.getMessage());
    List<Observation> mixed = new ArrayList<>(CURVES.subList(0, 5));
    mixed.add(new Observation(CURVES.get(0).architecture(), List.of(0.1, 0.2)));
    e = assertThrows(IllegalArgumentException.class, () -> CurvePredictor.ols().fit(mixed));
    assertEquals("curves must have the same length: 12 and 2 epochs", e.getMessage());
  }
}
