package io.github.metaqnn4j.tabular;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Looks architectures up in a recorded table instead of training them: the epochs of the recorded
 * curve are reported one by one (so stopping rules see them as in training), and the seconds are
 * the recorded ones. A paper-length schedule runs in seconds.
 *
 * <pre>{@code
 * var bench = TabularEvaluator.fashionMnistSmall();   // 226 architectures, 12 epochs each
 * var result = Search.qLearning(bench.space()).evaluator(bench)
 *     .schedule(EpsilonSchedule.paper()).run();
 * }</pre>
 */
public final class TabularEvaluator implements Evaluator {
  private final CurveTable table;
  private final StateSpace space;

  private TabularEvaluator(CurveTable table, StateSpace space) {
    this.table = Objects.requireNonNull(table, "table");
    this.space = Objects.requireNonNull(space, "space");
  }

  /** An evaluator over {@code table}, whose architectures are those of {@code space}. */
  public static TabularEvaluator of(CurveTable table, StateSpace space) {
    return new TabularEvaluator(table, space);
  }

  /**
   * The table in {@code csv}, with the space recorded in the JSON file beside it (as {@code
   * metaqnn4j record} writes them).
   */
  public static TabularEvaluator read(Path csv) {
    Path json = csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", ".json"));
    try (InputStream in = Files.newInputStream(json)) {
      return new TabularEvaluator(CurveTable.read(csv), spaceOf(in, json.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + json + " (the recording's provenance, with its space): " + e, e);
    }
  }

  /**
   * The toolkit's main benchmark: every architecture of the small space at depth 3 (226), trained
   * for 12 epochs on a 2,000-image subsample of Fashion-MNIST, validated on 500 and tested on 1,000
   * images ({@code data/fashion-small-d3.csv}).
   */
  public static TabularEvaluator fashionMnistSmall() {
    return shipped("fashion-small-d3");
  }

  /**
   * The second benchmark, of other architectures (a depth-2 space of other filters and kernels),
   * for checking predictors on curves they were not tuned on ({@code data/fashion-wide-d2.csv}).
   */
  public static TabularEvaluator fashionMnistWide() {
    return shipped("fashion-wide-d2");
  }

  /**
   * The large benchmark, on which searches differ: every architecture of a depth-4 space with
   * convolutions of 8 or 16 filters (kernels 3 and 5), three poolings, FC(64) and GAP (1,588),
   * trained for 8 epochs on a 4,000-image subsample of Fashion-MNIST, validated and tested on 1,000
   * images each ({@code data/fashion-large-d4.csv}).
   */
  public static TabularEvaluator fashionMnistLarge() {
    return shipped("fashion-large-d4");
  }

  private static TabularEvaluator shipped(String name) {
    try (InputStream in = CurveTable.class.getResourceAsStream("data/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded table named " + name + " in the toolkit");
      }
      return new TabularEvaluator(CurveTable.resource(name), spaceOf(in, name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static StateSpace spaceOf(InputStream json, String where) throws IOException {
    JsonObject meta =
        JsonParser.parseString(new String(json.readAllBytes(), StandardCharsets.UTF_8))
            .getAsJsonObject();
    if (!meta.has("space")) {
      throw new IllegalArgumentException(where + " has no space settings");
    }
    return StateSpace.fromJson(meta.get("space").toString());
  }

  /** The space the table was recorded on: search this one. */
  public StateSpace space() {
    return space;
  }

  public CurveTable table() {
    return table;
  }

  /**
   * Refuses a space with architectures the table lacks, naming the first.
   *
   * @throws IllegalArgumentException when the table cannot evaluate the space
   */
  @Override
  public void check(StateSpace searched) {
    BigInteger count = searched.graph().architectureCount();
    if (count.compareTo(BigInteger.valueOf(table.size())) > 0) {
      throw new IllegalArgumentException(
          "the table "
              + table.name()
              + " holds "
              + table.size()
              + " architectures, but the space allows "
              + count
              + ": search the table's space, TabularEvaluator.space()");
    }
    for (Architecture a : searched.graph().architectures(table.size())) {
      if (table.get(a).isEmpty()) {
        throw missing(a);
      }
    }
  }

  private IllegalArgumentException missing(Architecture a) {
    return new IllegalArgumentException(
        a
            + " is not in the table "
            + table.name()
            + " ("
            + table.size()
            + " architectures of its space): search TabularEvaluator.space()");
  }

  @Override
  public Evaluation evaluate(Architecture architecture, EvaluationContext context) {
    CurveTable.Curve c = table.get(architecture).orElseThrow(() -> missing(architecture));
    Map<String, Double> sizes = Map.of("parameters", c.parameters(), "flops", c.flops());
    if (c.failed()) {
      return Evaluation.failed(c.failure(), 0).withMetrics(sizes);
    }
    List<Double> v = c.validation();
    for (int t = 0; t < v.size(); t++) {
      Epoch e = new Epoch(t + 1, v.get(t), c.loss().get(t), c.seconds().get(t), c.test().get(t));
      if (!context.epochDone(e)) {
        return Evaluation.stoppedEarly(context.curve(), c.secondsUpTo(t + 1)).withMetrics(sizes);
      }
    }
    return Evaluation.completed(context.curve(), c.secondsUpTo(v.size())).withMetrics(sizes);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("type", "tabular", "table", table.name(), "architectures", table.size());
  }
}
