package io.github.metaqnn4j.analysis;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;

import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.FullyConnected;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.State;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.space.Step;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import io.github.metaqnn4j.store.StoredModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the agent learned: its Q table decomposed into the layers' parameters, mean Q values by
 * layer type and depth, and the paper's Figure A4. The depth of a state-action pair is the depth of
 * the layer the action adds (1 for the first layer); SM is the choice to terminate.
 *
 * <pre>{@code
 * var q = QAnalysis.of(result);      // a SearchResult, or a store (searched or imported)
 * q.visited();                       // the pairs the agent's trajectories went through
 * q.meanByLayerType();               // mean Q by layer type and depth
 * q.byLayerType();                   // Figure A4: one line per layer type
 * q.convByKernel();                  // Figure A4: one line per convolution kernel size
 * }</pre>
 */
public final class QAnalysis {
  private static final List<String> TYPES = List.of("C", "P", "FC", "GAP", "SM");

  private final List<QValue> qValues;
  private final StateSpace space;
  private final Set<List<Object>> visited;
  private volatile Table decomposed;

  private QAnalysis(List<QValue> qValues, StateSpace space, Set<List<Object>> visited) {
    this.qValues = List.copyOf(qValues);
    this.space = space;
    this.visited = visited;
  }

  /**
   * The Q values {@code qValues} of a search over {@code space} that sampled {@code models}.
   *
   * @throws IllegalArgumentException naming a model whose architecture {@code space} does not allow
   */
  public static QAnalysis of(List<QValue> qValues, StateSpace space, List<StoredModel> models) {
    Set<List<Object>> visited = new HashSet<>();
    for (StoredModel m : models) {
      Architecture a = Architecture.parse(m.architecture());
      if (!space.accepts(a)) {
        throw new IllegalArgumentException(
            "iteration "
                + (m.iteration() + 1)
                + ": "
                + space.check(a).orElseThrow()
                + "; analyse with the space the search used");
      }
      for (Step s : space.walk(a)) {
        visited.add(List.of(s.state(), s.action()));
      }
    }
    return new QAnalysis(qValues, space, visited);
  }

  /** The Q table at the end of a search run in this process. */
  public static QAnalysis of(SearchResult result) {
    return of(
        result.qValues(),
        result.space(),
        result.history().stream().map(ModelRecord::stored).toList());
  }

  /**
   * The last stored Q table of an experiment, searched or imported.
   *
   * @throws StoreException when the store does not name its space (stores of schema 1)
   */
  public static QAnalysis of(ExperimentStore store) {
    StateSpace space =
        store
            .space()
            .orElseThrow(
                () ->
                    new StoreException(
                        store.file()
                            + " does not record its state space (an early store): use"
                            + " QAnalysis.of(store.qValues(), space, store.models())"));
    return of(store.qValues(), space, store.models());
  }

  /** The number of state-action pairs the agent's trajectories went through. */
  public int visitedCount() {
    return visited.size();
  }

  // ---- tables --------------------------------------------------------------------------------

  /**
   * Every state-action pair: the state's layer type, depth, filters, kernel, stride, size bin and
   * FC width; the action's the same (its size bin is the one it lands in, from the state's bin, as
   * the original code keys it); its Q value; whether a sampled trajectory went through it.
   */
  public Table table() {
    return ModelTable.formatted(decomposed().copy()); // the caller's own copy to change
  }

  /** The table, built once: the means, the visited filter and the figures all start from it. */
  private Table decomposed() {
    Table t = decomposed;
    if (t == null) {
      t = decompose();
      decomposed = t;
    }
    return t;
  }

  private Table decompose() {
    Table from = layerColumns("from ");
    Table action = layerColumns("action ");
    DoubleColumn q = DoubleColumn.create("Q");
    BooleanColumn seen = BooleanColumn.create("visited");
    for (QValue v : qValues) {
      State s = v.state();
      appendLayer(from, s.type(), s.depth(), s.layer(), s.sizeBin(), s.layer());
      int lands = space.sizeBins().bin(space.sizeAfter(s.sizeBin(), v.action()));
      appendLayer(action, v.action().type(), s.depth() + 1, v.action(), lands, v.action());
      q.append(v.value());
      seen.append(visited.contains(List.of(s, v.action())));
    }
    Table t = Table.create("Q values: " + qValues.size() + " state-action pairs");
    t.addColumns(from.columnArray());
    t.addColumns(action.columnArray());
    t.addColumns(q, seen);
    return ModelTable.formatted(t);
  }

  /** The pairs a sampled trajectory went through: the part of the table the agent learned. */
  public Table visited() {
    Table t = decomposed();
    return ModelTable.formatted(t.where(t.booleanColumn("visited").isTrue()))
        .setName("Q values of the " + visitedCount() + " visited state-action pairs");
  }

  /** Mean Q and the number of pairs for each action layer type and depth. */
  public Table meanByLayerType() {
    Table t = decomposed().summarize("Q", mean, count).by("action type", "action depth");
    t.column(2).setName("mean Q");
    t.column(3).setName("pairs");
    ModelTable.counts(t, "pairs");
    return ModelTable.formatted(t.setName("mean Q value by layer type and depth"));
  }

  /** Mean Q and the number of pairs of convolutions, for each kernel size and depth. */
  public Table meanConvByKernel() {
    Table all = decomposed();
    Table conv = all.where(all.stringColumn("action type").isEqualTo("C"));
    Table t = conv.summarize("Q", mean, count).by("action kernel", "action depth");
    t.column(2).setName("mean Q");
    t.column(3).setName("pairs");
    ModelTable.counts(t, "pairs");
    return ModelTable.formatted(t.setName("mean Q value of convolutions by kernel and depth"));
  }

  // ---- figures -------------------------------------------------------------------------------

  /** The paper's Figure A4: mean Q value against layer depth, one line per layer type. */
  public XYChart byLayerType() {
    XYChart chart = chart("Mean Q value by layer depth and type");
    Table t = meanByLayerType();
    for (String type : TYPES) {
      Table rows = t.where(t.stringColumn("action type").isEqualTo(type)).sortOn("action depth");
      if (rows.rowCount() > 0) {
        line(chart, type, rows, Palette.layerType(type));
      }
    }
    return chart;
  }

  /** The paper's Figure A4: mean Q value of convolutions against depth, one line per kernel. */
  public XYChart convByKernel() {
    XYChart chart = chart("Mean Q value of convolutions by layer depth and kernel size");
    Table t = meanConvByKernel();
    List<Integer> kernels = new ArrayList<>(new java.util.TreeSet<>(t.intColumn(0).asList()));
    for (int i = 0; i < kernels.size(); i++) {
      int k = kernels.get(i);
      Table rows = t.where(t.intColumn(0).isEqualTo(k)).sortOn("action depth");
      line(chart, "C, kernel " + k + "x" + k, rows, Palette.convKernel(i));
    }
    return chart;
  }

  /**
   * Writes {@code q_values}, {@code q_visited}, {@code q_by_layer_type} and {@code
   * q_conv_by_kernel} (CSV and HTML), and Figure A4 as {@code q_by_layer_type} and {@code
   * q_conv_by_kernel} (PNG and SVG), into {@code dir}.
   *
   * @return the files written
   */
  public List<Path> writeTo(Path dir) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      written.addAll(ExperimentReport.writeTable(decomposed(), dir, "q_values"));
      written.addAll(ExperimentReport.writeTable(visited(), dir, "q_visited"));
      written.addAll(ExperimentReport.writeTable(meanByLayerType(), dir, "q_by_layer_type"));
      written.addAll(ExperimentReport.writeTable(meanConvByKernel(), dir, "q_conv_by_kernel"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Q tables to " + dir + ": " + e, e);
    }
    written.addAll(Figures.save(byLayerType(), dir.resolve("q_by_layer_type")));
    written.addAll(Figures.save(convByKernel(), dir.resolve("q_conv_by_kernel")));
    return written;
  }

  private static Table layerColumns(String prefix) {
    return Table.create(
        prefix,
        StringColumn.create(prefix + "type"),
        IntColumn.create(prefix + "depth"),
        IntColumn.create(prefix + "filters"),
        IntColumn.create(prefix + "kernel"),
        IntColumn.create(prefix + "stride"),
        IntColumn.create(prefix + "size bin"),
        IntColumn.create(prefix + "fc width"));
  }

  private static void appendLayer(
      Table t, String type, int depth, Layer layer, int bin, Layer same) {
    t.stringColumn(0).append(type);
    t.intColumn(1).append(depth);
    appendOrMissing(t.intColumn(2), layer instanceof Conv c ? c.filters() : null);
    Integer kernel =
        layer instanceof Conv c
            ? Integer.valueOf(c.kernel())
            : layer instanceof Pool p ? p.kernel() : null;
    appendOrMissing(t.intColumn(3), kernel);
    Integer stride =
        layer instanceof Conv c
            ? Integer.valueOf(c.stride())
            : layer instanceof Pool p ? p.stride() : null;
    appendOrMissing(t.intColumn(4), stride);
    t.intColumn(5).append(bin);
    appendOrMissing(t.intColumn(6), same instanceof FullyConnected f ? f.units() : null);
  }

  private static void appendOrMissing(IntColumn c, Integer v) {
    if (v == null) {
      c.appendMissing();
    } else {
      c.append(v);
    }
  }

  private static XYChart chart(String title) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(500)
            .title(title)
            .xAxisTitle("layer depth (1 = first layer; SM: terminate after depth - 1 layers)")
            .yAxisTitle("mean Q value (expected accuracy)")
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    return chart;
  }

  private static void line(XYChart chart, String name, Table rows, java.awt.Color color) {
    XYSeries s =
        chart.addSeries(
            name,
            rows.intColumn("action depth").asDoubleArray(),
            rows.doubleColumn("mean Q").asDoubleArray());
    s.setLineColor(color);
    s.setMarkerColor(color);
    s.setMarker(SeriesMarkers.CIRCLE);
  }
}
