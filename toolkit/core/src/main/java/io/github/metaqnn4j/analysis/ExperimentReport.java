package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.FinalModels;
import io.github.metaqnn4j.store.StoredModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;

/**
 * The report of an experiment, stored, just run or imported from the original code's logs: its
 * models as Tablesaw tables, the paper's accuracy figures (3/A2 and A3), learning curves, what the
 * agent learned ({@link QAnalysis}, Figure A4) and its finished models.
 *
 * <p>As in the paper, tables and figures by epsilon count every sampled model, re-samples included
 * (the original code's replay database holds one row per sample); {@link #uniqueOnly()} gives the
 * same report over first samples. Iterations count from 1, as the original code's {@code
 * ix_q_value_update}.
 *
 * <pre>{@code
 * var report = ExperimentReport.of(result);      // a SearchResult, or a store
 * report.byEpsilon();                            // count, mean, sd, quartiles, best per epsilon
 * report.rollingMeanChart();                     // Figure 3: rolling mean and the epsilon bars
 * report.uniqueOnly().byEpsilon();               // the same over unique models
 * report.writeTo(Path.of("report"), 10);         // every table and figure
 * }</pre>
 */
public final class ExperimentReport {
  /** The paper's rolling window for Figure 3. */
  public static final int PAPER_WINDOW = 100;

  private final List<StoredModel> iterations;
  private final boolean unique;
  private final Optional<FinalModels> finals;
  private final Optional<QAnalysis> q;
  private final Optional<ControllerAnalysis> controller;

  private ExperimentReport(
      List<StoredModel> iterations,
      boolean unique,
      Optional<FinalModels> finals,
      Optional<QAnalysis> q,
      Optional<ControllerAnalysis> controller) {
    this.iterations = List.copyOf(iterations);
    this.unique = unique;
    this.finals = finals;
    this.q = q;
    this.controller = controller;
  }

  /** A report of these iterations (no Q values or finished models). */
  public static ExperimentReport of(List<StoredModel> iterations) {
    return new ExperimentReport(
        iterations, false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * A report of a stored experiment, with its Q values (or a controller search's choice
   * probabilities) and finished models if it has them.
   */
  public static ExperimentReport of(ExperimentStore store) {
    List<StoredModel> models = store.models(); // read once: the report and its Q analysis share it
    Optional<ControllerAnalysis> controller = ControllerAnalysis.of(store);
    Optional<QAnalysis> q =
        controller.isPresent()
            ? Optional.empty()
            : store.space().map(s -> QAnalysis.of(store.qValues(), s, models));
    return new ExperimentReport(models, false, store.finals(), q, controller);
  }

  /** A report of a search run in this process, with its Q values or choice probabilities. */
  public static ExperimentReport of(SearchResult result) {
    Optional<ControllerAnalysis> controller = ControllerAnalysis.of(result);
    return new ExperimentReport(
        result.history().stream().map(ModelRecord::stored).toList(),
        false,
        Optional.empty(),
        controller.isPresent() ? Optional.empty() : Optional.of(QAnalysis.of(result)),
        controller);
  }

  /** The same report over unique models only: the first sample of each architecture. */
  public ExperimentReport uniqueOnly() {
    return new ExperimentReport(iterations, true, finals, q, controller);
  }

  /** The same report over every sampled model, re-samples included (the default). */
  public ExperimentReport allSamples() {
    return new ExperimentReport(iterations, false, finals, q, controller);
  }

  /** Which models the tables and figures count, in words. */
  public String counted() {
    return unique
        ? "the " + models().size() + " unique models"
        : "all " + iterations.size() + " sampled models, re-samples included";
  }

  /** Every iteration, re-samples included, in order. */
  public List<StoredModel> iterations() {
    return iterations;
  }

  /** The models this report counts: every sample, or the unique ones after {@link #uniqueOnly}. */
  public List<StoredModel> models() {
    return unique ? iterations.stream().filter(m -> !m.reused()).toList() : iterations;
  }

  /** What the agent learned, when the experiment has Q values and its space. */
  public Optional<QAnalysis> qAnalysis() {
    return q;
  }

  /** What a policy-gradient search's controllers learned (empty for Q-learning). */
  public Optional<ControllerAnalysis> controllerAnalysis() {
    return controller;
  }

  /** The finished best models (re-trained and tested), if the experiment has them. */
  public Optional<FinalModels> finals() {
    return finals;
  }

  /** The {@code k} best unique models by reward, best first. */
  public List<StoredModel> best(int k) {
    return iterations.stream()
        .filter(m -> !m.reused())
        .sorted(Comparator.comparingDouble(StoredModel::reward).reversed())
        .limit(k)
        .toList();
  }

  // ---- tables --------------------------------------------------------------------------------

  /** The {@code k} best unique models as a table, best first, with their rank. */
  public Table topModels(int k) {
    Table t = ModelTable.of("top " + k + " models", best(k));
    int[] rank = new int[t.rowCount()];
    Arrays.setAll(rank, i -> i + 1);
    return t.insertColumn(0, tech.tablesaw.api.IntColumn.create("rank", rank));
  }

  /**
   * The models this report counts, in iteration order: iteration, epsilon, architecture, depth,
   * layers by type, parameters, FLOPs, accuracy, epochs trained, early stopped, re-sample.
   */
  public Table table() {
    return ModelTable.of("sampled models: " + counted(), models());
  }

  /**
   * Accuracy at each epsilon, the highest first: models, mean, standard deviation, quartiles and
   * best, over the models this report counts (its name says which).
   */
  public Table byEpsilon() {
    return ModelTable.byEpsilon("accuracy by epsilon: " + counted(), table());
  }

  /** The finished models and their ensemble as a table, if the experiment has them. */
  public Optional<Table> finalModels() {
    return finals.map(ExperimentReport::table);
  }

  /** Finished models and their ensemble as a table: rank, test accuracy, epochs, seconds. */
  public static Table table(FinalModels finals) {
    return ModelTable.finals(finals);
  }

  /** The mean reward of the models this report counts that were sampled with this epsilon. */
  public OptionalDouble meanReward(double epsilon) {
    return models().stream()
        .filter(m -> m.epsilon() == epsilon)
        .mapToDouble(StoredModel::reward)
        .average();
  }

  // ---- figures -------------------------------------------------------------------------------

  /** Accuracy of each model by iteration, one colour per epsilon, and the best so far. */
  public XYChart accuracyChart() {
    return AccuracyFigures.scatter(models(), counted());
  }

  /**
   * The paper's Figure 3 (A2): the rolling mean accuracy of the last 100 models against iteration,
   * over a bar per epsilon at the mean accuracy of the models sampled with it.
   */
  public XYChart rollingMeanChart() {
    return rollingMeanChart(PAPER_WINDOW);
  }

  /**
   * Figure 3 with another rolling window (for a controller search, which has no epsilon: the
   * rolling mean over every sample).
   */
  public XYChart rollingMeanChart(int window) {
    return AccuracyFigures.rollingMean(models(), window, counted(), controller.isEmpty());
  }

  /** The paper's Figure A3: the accuracy distribution at each epsilon, as box plots. */
  public BoxChart distributionChart() {
    return AccuracyFigures.distribution(models(), counted());
  }

  /**
   * The paper's Figure A3: the accuracy histogram (20 bins) of the first epsilon (random search)
   * against the last.
   */
  public CategoryChart firstVersusLastChart() {
    return AccuracyFigures.firstVersusLast(models(), 20, counted());
  }

  /**
   * Learning curves of the three best models and of the last three stopped early, with the
   * predicted final accuracy and the stop epoch of the latter.
   */
  public XYChart learningCurves() {
    List<StoredModel> chosen = new ArrayList<>(best(3));
    List<StoredModel> stopped =
        iterations.stream().filter(m -> m.status().equals("STOPPED_EARLY")).toList();
    chosen.addAll(stopped.subList(Math.max(0, stopped.size() - 3), stopped.size()));
    return AccuracyFigures.learningCurves(chosen, plannedEpochs());
  }

  /**
   * Learning curves of the models of these iterations (counted from 1, as in the tables).
   *
   * @throws IllegalArgumentException naming an iteration the experiment does not have
   */
  public XYChart learningCurves(int... iterationsFromOne) {
    List<StoredModel> chosen = new ArrayList<>();
    for (int it : iterationsFromOne) {
      if (it < 1 || it > iterations.size()) {
        throw new IllegalArgumentException(
            "no iteration " + it + ": the experiment has iterations 1 to " + iterations.size());
      }
      chosen.add(iterations.get(it - 1));
    }
    return AccuracyFigures.learningCurves(chosen, plannedEpochs());
  }

  private int plannedEpochs() {
    return iterations.stream()
        .filter(m -> m.status().equals("COMPLETED"))
        .mapToInt(m -> m.curve().size())
        .max()
        .orElse(iterations.stream().mapToInt(m -> m.curve().size()).max().orElse(1));
  }

  // ---- text and files ------------------------------------------------------------------------

  /** A plain-text summary: counts, accuracy at each epsilon, the top models, finished models. */
  public String summary(int k) {
    StringBuilder sb = new StringBuilder();
    long failed = iterations.stream().filter(m -> m.status().equals("FAILED")).count();
    long fresh = iterations.stream().filter(m -> !m.reused()).count();
    sb.append(
        String.format(
            Locale.ROOT,
            "%d iterations: %d unique models (%d failed), %d re-samples%n",
            iterations.size(),
            fresh,
            failed,
            iterations.size() - fresh));
    if (controller.isPresent()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "Designed by %d policy-gradient controller(s), no epsilon; their choice"
                  + " probabilities are in choice_probabilities.csv%n",
              controller.get().controllers()));
    } else {
      sb.append("Accuracy by epsilon, ").append(counted()).append(':');
      sb.append(System.lineSeparator()).append(byEpsilon().printAll());
      sb.append(System.lineSeparator());
    }
    sb.append(String.format(Locale.ROOT, "%nTop %d models%n", k));
    sb.append(
        topModels(k)
            .selectColumns("rank", "iteration", "epsilon", "accuracy", "epochs", "architecture")
            .printAll());
    sb.append(System.lineSeparator());
    finals.ifPresent(
        f -> {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "%nFinished models (test accuracy after re-training; %s)%n",
                  f.settings()));
          sb.append(table(f).printAll()).append(System.lineSeparator());
          sb.append(
              String.format(
                  Locale.ROOT,
                  "ensemble of %d: test accuracy %.4f%n",
                  f.models().size(),
                  f.ensembleTestAccuracy()));
        });
    return sb.toString();
  }

  /**
   * Writes every table (CSV and HTML) and figure (PNG and SVG) of the experiment into {@code dir}:
   * {@code summary.txt}; {@code models}, {@code by_epsilon}, {@code by_epsilon_unique}, {@code
   * top_models} and, when there are some, {@code final_models}; the figures {@code accuracy},
   * {@code rolling_mean} (Figure 3), {@code accuracy_by_epsilon} and {@code first_vs_last} (A3),
   * {@code learning_curves}; and with Q values, {@link QAnalysis#writeTo}'s tables and Figure A4. A
   * controller search has no epsilon tables or figures, and {@link ControllerAnalysis#writeTo}'s
   * choice probabilities instead of Q values.
   *
   * @return the files written
   * @throws UncheckedIOException naming what cannot be written
   */
  public List<Path> writeTo(Path dir, int k) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      Path summary = dir.resolve("summary.txt");
      Files.writeString(summary, summary(k));
      written.add(summary);
      ExperimentReport all = allSamples();
      written.addAll(writeTable(all.table(), dir, "models"));
      if (controller.isEmpty()) {
        written.addAll(writeTable(all.byEpsilon(), dir, "by_epsilon"));
        written.addAll(writeTable(uniqueOnly().byEpsilon(), dir, "by_epsilon_unique"));
      }
      written.addAll(writeTable(topModels(k), dir, "top_models"));
      if (finals.isPresent()) {
        written.addAll(writeTable(finalModels().orElseThrow(), dir, "final_models"));
      }
      written.addAll(Figures.save(accuracyChart(), dir.resolve("accuracy")));
      int window = Math.min(PAPER_WINDOW, Math.max(1, iterations.size() / 10));
      written.addAll(Figures.save(rollingMeanChart(window), dir.resolve("rolling_mean")));
      if (controller.isEmpty()) {
        written.addAll(Figures.save(distributionChart(), dir.resolve("accuracy_by_epsilon")));
        written.addAll(Figures.save(firstVersusLastChart(), dir.resolve("first_vs_last")));
      }
      written.addAll(Figures.save(learningCurves(), dir.resolve("learning_curves")));
      if (q.isPresent()) {
        written.addAll(q.get().writeTo(dir));
      }
      if (controller.isPresent()) {
        written.addAll(controller.get().writeTo(dir));
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code name.csv} and {@code name.html} (Tablesaw's HTML, numbers as printed). */
  static List<Path> writeTable(Table t, Path dir, String name) throws IOException {
    Path csv = dir.resolve(name + ".csv");
    Path html = dir.resolve(name + ".html");
    t.write().csv(csv.toFile());
    t.write().usingOptions(HtmlWriteOptions.builder(html.toFile()).build());
    return List.of(csv, html);
  }
}
