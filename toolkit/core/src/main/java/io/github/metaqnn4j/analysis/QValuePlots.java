package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.store.ExperimentStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of what the agent learned. {@link #byLayerType} plots, for each layer type the agent can
 * choose (C, P, FC, GAP and SM, i.e. stopping), the mean Q value of choosing it at each depth:
 * where the curves part from the initial 0.5, the agent has learned to prefer or avoid that layer.
 *
 * <pre>{@code
 * QValuePlots.byLayerType(result);   // an XChart figure
 * }</pre>
 */
public final class QValuePlots {
  private static final List<String> TYPES = List.of("C", "P", "FC", "GAP", "SM");

  private QValuePlots() {}

  /** Mean Q value of choosing each layer type, by the depth of the chosen layer. */
  public static XYChart byLayerType(SearchResult result) {
    return byLayerType(result.qValues());
  }

  /** The same, from a store's last stored Q values. */
  public static XYChart byLayerType(ExperimentStore store) {
    return byLayerType(store.qValues());
  }

  /** The same, from a Q table's entries. */
  public static XYChart byLayerType(List<QValue> qValues) {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(450)
            .title("What the agent learned: mean Q value by layer type")
            .xAxisTitle("depth of the chosen layer")
            .yAxisTitle("mean Q value")
            .build();
    for (String type : TYPES) {
      Map<Integer, double[]> sums = new TreeMap<>(); // depth -> {sum, count}
      for (QValue q : qValues) {
        if (q.action().type().equals(type)) {
          double[] s = sums.computeIfAbsent(q.state().depth() + 1, d -> new double[2]);
          s[0] += q.value();
          s[1]++;
        }
      }
      if (!sums.isEmpty()) {
        double[] x = sums.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] y = sums.values().stream().mapToDouble(s -> s[0] / s[1]).toArray();
        chart.addSeries(type, x, y).setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return chart;
  }
}
