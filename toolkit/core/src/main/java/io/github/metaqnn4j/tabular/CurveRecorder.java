package io.github.metaqnn4j.tabular;

import io.github.metaqnn4j.agent.Rng;
import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.search.StoppingRule;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains every architecture of a small space once and appends its learning curve to a CSV table,
 * one architecture at a time: an interrupted recording resumes with the architectures not yet in
 * the file. Architecture {@code i} (in {@link io.github.metaqnn4j.space.StateGraph#architectures}
 * order) trains with a seed derived from the recorder's seed and {@code i}, so a table can be made
 * again.
 *
 * <pre>{@code
 * CurveRecorder.of(space, evaluator).seed(1).to(Path.of("data/my-table.csv")).run();
 * }</pre>
 */
public final class CurveRecorder {
  /** The most architectures a recording lists (a tabular benchmark is small). */
  public static final int MAX_ARCHITECTURES = 5_000;

  private final StateSpace space;
  private final Evaluator evaluator;
  private final long seed;
  private final Path file;
  private final Consumer<Curve> progress;

  /** What happened to one architecture, for a progress display. */
  public record Curve(int index, int total, CurveTable.Curve curve, boolean resumed) {}

  private CurveRecorder(
      StateSpace space, Evaluator evaluator, long seed, Path file, Consumer<Curve> progress) {
    this.space = Objects.requireNonNull(space, "space");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.seed = seed;
    this.file = file;
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** A recorder of every architecture of {@code space}, each trained by {@code evaluator}. */
  public static CurveRecorder of(StateSpace space, Evaluator evaluator) {
    return new CurveRecorder(space, evaluator, 0, null, c -> {});
  }

  /** The seed the per-architecture seeds derive from (default 0). */
  public CurveRecorder seed(long seed) {
    return new CurveRecorder(space, evaluator, seed, file, progress);
  }

  /** The CSV file the curves are appended to. */
  public CurveRecorder to(Path csv) {
    return new CurveRecorder(space, evaluator, seed, Objects.requireNonNull(csv), progress);
  }

  /** Called after each architecture (also for those already in the file). */
  public CurveRecorder progress(Consumer<Curve> listener) {
    return new CurveRecorder(space, evaluator, seed, file, listener);
  }

  /**
   * Records every architecture not yet in the file and returns the whole table.
   *
   * @throws IllegalArgumentException when the space lists more than {@value #MAX_ARCHITECTURES}
   *     architectures, or the file holds architectures of another space
   */
  public CurveTable run() {
    Objects.requireNonNull(file, "the table's file: .to(Path)");
    List<Architecture> all = space.graph().architectures(MAX_ARCHITECTURES);
    CurveTable done =
        Files.isRegularFile(file)
            ? CurveTable.read(file)
            : new CurveTable(file.getFileName().toString(), List.of());
    for (CurveTable.Curve c : done.curves()) {
      if (!space.accepts(c.architecture())) {
        throw new IllegalArgumentException(
            file
                + " holds "
                + c.architecture()
                + ", which this space does not allow: another"
                + " space's table. Use another file.");
      }
    }
    List<CurveTable.Curve> curves = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Architecture arch = all.get(i);
      var known = done.get(arch);
      CurveTable.Curve curve = known.isPresent() ? known.get() : record(arch, i);
      if (known.isEmpty()) {
        CurveTable.append(file, curve);
      }
      curves.add(curve);
      progress.accept(new Curve(i, all.size(), curve, known.isPresent()));
    }
    return new CurveTable(done.name(), curves);
  }

  private CurveTable.Curve record(Architecture arch, int index) {
    List<Epoch> epochs = new ArrayList<>();
    long modelSeed = Rng.of(seed).derive(index).nextLong();
    var context = new EvaluationContext(arch, index, modelSeed, 0, StoppingRule.NEVER, epochs::add);
    Evaluation e;
    try {
      e = evaluator.evaluate(arch, context);
    } catch (RuntimeException | OutOfMemoryError ex) {
      e = Evaluation.failedBy(ex, 0);
    }
    double params = e.metrics().getOrDefault("parameters", Double.NaN);
    double flops = e.metrics().getOrDefault("flops", Double.NaN);
    if (e.failed()) {
      return new CurveTable.Curve(
          arch, params, flops, List.of(), List.of(), List.of(), List.of(), e.reason());
    }
    return new CurveTable.Curve(
        arch,
        params,
        flops,
        epochs.stream().map(Epoch::validationAccuracy).toList(),
        epochs.stream().map(Epoch::testAccuracy).toList(),
        epochs.stream().map(Epoch::loss).toList(),
        epochs.stream().map(Epoch::seconds).toList(),
        "");
  }
}
