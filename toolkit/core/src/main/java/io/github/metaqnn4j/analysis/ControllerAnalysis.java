package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.store.ExperimentStore;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a policy-gradient search's controllers learned: their choice probabilities along the greedy
 * path, after the first model and after every policy update: the counterpart of the Q-value
 * analysis. Iterations count from 1, as in the report.
 *
 * <pre>{@code
 * var c = ControllerAnalysis.of(result).orElseThrow();  // a SearchResult, or a store
 * c.table();                  // iteration, controller, step, decision, option, probability
 * c.finalChoices();           // the probabilities after the last update
 * c.chart(0);                 // controller 1's probabilities over time, one row per option
 * }</pre>
 */
public final class ControllerAnalysis {
  /** The most columns a chart draws: snapshots are thinned evenly to this many. */
  static final int MAX_COLUMNS = 30;

  /** On a state space, options whose probability never reaches this are left out of charts. */
  static final double SHOWN_FROM = 0.05;

  private final SortedMap<Integer, List<ChoiceProbability>> snapshots;

  private ControllerAnalysis(SortedMap<Integer, List<ChoiceProbability>> snapshots) {
    this.snapshots = Collections.unmodifiableSortedMap(new TreeMap<>(snapshots));
  }

  /** The choice probabilities of a search run here; empty for a Q-learning search. */
  public static Optional<ControllerAnalysis> of(SearchResult result) {
    return of(result.choiceProbabilities());
  }

  /** The choice probabilities of a stored search; empty for a Q-learning search. */
  public static Optional<ControllerAnalysis> of(ExperimentStore store) {
    return of(store.choiceProbabilities());
  }

  /** Snapshots by iteration (from 0, as stored); empty when there are none. */
  public static Optional<ControllerAnalysis> of(
      SortedMap<Integer, List<ChoiceProbability>> snapshots) {
    return snapshots.isEmpty() ? Optional.empty() : Optional.of(new ControllerAnalysis(snapshots));
  }

  /** The number of controllers pooled. */
  public int controllers() {
    return 1
        + snapshots.values().stream()
            .flatMap(List::stream)
            .mapToInt(ChoiceProbability::controller)
            .max()
            .orElse(0);
  }

  /** Every snapshot: iteration (from 1), controller (from 1), step, decision, option, p. */
  public Table table() {
    return table("choice probabilities", snapshots);
  }

  /** The probabilities after the last update, one row per controller, decision and option. */
  public Table finalChoices() {
    return table(
            "choice probabilities after iteration " + (snapshots.lastKey() + 1),
            new TreeMap<>(Map.of(snapshots.lastKey(), snapshots.get(snapshots.lastKey()))))
        .removeColumns("iteration");
  }

  private static Table table(String name, SortedMap<Integer, List<ChoiceProbability>> rows) {
    IntColumn iteration = IntColumn.create("iteration");
    IntColumn controller = IntColumn.create("controller");
    IntColumn step = IntColumn.create("step");
    StringColumn decision = StringColumn.create("decision");
    StringColumn option = StringColumn.create("option");
    DoubleColumn probability = DoubleColumn.create("probability");
    rows.forEach(
        (i, list) ->
            list.forEach(
                c -> {
                  iteration.append(i + 1);
                  controller.append(c.controller() + 1);
                  step.append(c.step() + 1);
                  decision.append(c.decision());
                  option.append(c.option());
                  probability.append(c.probability());
                }));
    return Table.create(name, iteration, controller, step, decision, option, probability);
  }

  /**
   * A heat map of one controller's choice probabilities over the search: a row per decision and
   * option ("layer 2 kernel = 3"), a column per snapshot (thinned evenly to {@value #MAX_COLUMNS}),
   * white for 0 to dark blue for 1. On a state space, whose steps can pick any of many layers, only
   * options that reach {@value #SHOWN_FROM} at some point are drawn.
   *
   * @param controller the controller, from 0
   * @throws IllegalArgumentException when the pool has no such controller
   */
  public HeatMapChart chart(int controller) {
    if (controller < 0 || controller >= controllers()) {
      throw new IllegalArgumentException(
          "controller " + controller + " is not in 0.." + (controllers() - 1));
    }
    List<Integer> columns = thinned();
    Map<String, double[]> rows = new LinkedHashMap<>();
    for (int col = 0; col < columns.size(); col++) {
      for (ChoiceProbability c : snapshots.get(columns.get(col))) {
        if (c.controller() == controller) {
          String row = c.decision() + " = " + c.option();
          rows.computeIfAbsent(row, k -> new double[columns.size()])[col] = c.probability();
        }
      }
    }
    boolean stateSpace = rows.keySet().stream().anyMatch(r -> r.startsWith("step "));
    if (stateSpace) {
      rows.values().removeIf(p -> java.util.Arrays.stream(p).max().orElse(0) < SHOWN_FROM);
    }
    List<String> names = new ArrayList<>(rows.keySet());
    Collections.reverse(names); // the first decision at the top
    List<Number[]> cells = new ArrayList<>();
    for (int y = 0; y < names.size(); y++) {
      double[] p = rows.get(names.get(y));
      for (int x = 0; x < columns.size(); x++) {
        cells.add(new Number[] {x, y, Math.round(p[x] * 1000) / 1000.0});
      }
    }
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(Math.max(700, 160 + 26 * columns.size()))
            .height(Math.max(360, 120 + 20 * names.size()))
            .title(
                String.format(
                    Locale.ROOT,
                    "Controller %d of %d: choice probabilities along its greedy path%s",
                    controller + 1,
                    controllers(),
                    stateSpace ? " (options above " + SHOWN_FROM + ")" : ""))
            .xAxisTitle("after model (iteration)")
            .yAxisTitle("decision = option")
            .build();
    chart.addSeries(
        "probability", columns.stream().map(i -> Integer.toString(i + 1)).toList(), names, cells);
    chart.getStyler().setMin(0).setMax(1);
    chart
        .getStyler()
        .setRangeColors(
            new Color[] {
              Color.WHITE, new Color(0x9ecae1), new Color(0x2171b5), new Color(0x08306b)
            });
    chart.getStyler().setPlotContentSize(1.0);
    chart.getStyler().setXAxisLabelRotation(90);
    return chart;
  }

  /** At most {@link #MAX_COLUMNS} snapshot iterations, evenly spread, the first and last kept. */
  private List<Integer> thinned() {
    List<Integer> all = new ArrayList<>(snapshots.keySet());
    if (all.size() <= MAX_COLUMNS) {
      return all;
    }
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < MAX_COLUMNS; k++) {
      int i = (int) Math.round(k * (all.size() - 1) / (double) (MAX_COLUMNS - 1));
      out.add(all.get(i));
    }
    return out;
  }

  /**
   * Writes {@code choice_probabilities} and {@code final_choices} (CSV and HTML) and one heat map
   * per controller ({@code choice_probabilities_c1.png}, {@code .svg}, ...) into {@code dir}.
   *
   * @return the files written
   */
  public List<Path> writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    written.addAll(ExperimentReport.writeTable(table(), dir, "choice_probabilities"));
    written.addAll(ExperimentReport.writeTable(finalChoices(), dir, "final_choices"));
    for (int k = 0; k < controllers(); k++) {
      written.addAll(Figures.save(chart(k), dir.resolve("choice_probabilities_c" + (k + 1))));
    }
    return written;
  }
}
