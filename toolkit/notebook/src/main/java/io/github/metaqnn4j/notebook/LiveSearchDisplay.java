package io.github.metaqnn4j.notebook;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.ListenerProvider;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchListener;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.StoredModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The live view of a search running in a notebook cell, updated in place: a progress line (models
 * done, epsilon, best accuracy, ETA, the epoch being trained) at most {@value #TEXT_MILLIS} ms
 * apart, and the accuracy-by-iteration chart at most {@value #CHART_MILLIS} ms apart, both final
 * when the search ends. Every search started in a cell gets one ({@link Provider}); {@code
 * SearchBuilder.quiet()} leaves it out.
 */
final class LiveSearchDisplay implements SearchListener {
  static final long TEXT_MILLIS = 500;
  static final long CHART_MILLIS = 3000;

  private final BaseKernel kernel;
  private final String progressId = "metaqnn4j-progress-" + UUID.randomUUID();
  private final String chartId = "metaqnn4j-chart-" + UUID.randomUUID();
  private final List<StoredModel> models = new ArrayList<>();
  private int total;
  private int done;
  private int doneAtStart;
  private long startNanos;
  private double best;
  private double epsilon = Double.NaN;
  private String controllers = "";
  private String training = "";
  private int stopped;
  private String lastStop = "";
  private long lastText;
  private long lastChart;
  private boolean chartShown;

  LiveSearchDisplay(BaseKernel kernel) {
    this.kernel = kernel;
  }

  /** Attaches a live display to every search started inside a notebook cell. */
  public static final class Provider implements ListenerProvider {
    @Override
    public Optional<SearchListener> listenerFor(Search search) {
      return Notebook.kernel().map(LiveSearchDisplay::new);
    }
  }

  @Override
  public synchronized void searchStarted(Search search) {
    total = search.schedule().total();
    controllers =
        search
            .controllers()
            .map(
                p ->
                    p.controllers().size() == 1
                        ? "controller"
                        : p.controllers().size() + " controllers")
            .orElse("");
    done = search.modelsDone();
    doneAtStart = done;
    startNanos = System.nanoTime();
    show(progressId, progress(null), true);
  }

  @Override
  public synchronized void epochFinished(int iteration, Architecture architecture, Epoch epoch) {
    training =
        String.format(
            Locale.ROOT,
            "training iteration %d, epoch %d: validation accuracy %.4f  %s",
            iteration,
            epoch.index(),
            epoch.validationAccuracy(),
            architecture);
    updateText();
  }

  @Override
  public synchronized void modelFinished(ModelRecord r) {
    if (!r.reused()) {
      done++;
      models.add(r.stored());
    }
    best = Math.max(best, r.reward());
    epsilon = r.epsilon();
    r.stopNote()
        .ifPresent(
            note -> {
              stopped++;
              lastStop = note;
            });
    training = "";
    updateText();
    updateChart(false);
  }

  @Override
  public synchronized void searchFinished(SearchResult result) {
    training = "";
    show(progressId, progress(result), false);
    updateChart(true);
  }

  private void updateText() {
    long now = System.currentTimeMillis();
    if (now - lastText >= TEXT_MILLIS) {
      lastText = now;
      show(progressId, progress(null), false);
    }
  }

  private void updateChart(boolean force) {
    long now = System.currentTimeMillis();
    if (models.isEmpty() || !(force || now - lastChart >= CHART_MILLIS)) {
      return;
    }
    lastChart = now;
    String png = Views.pngBase64(ExperimentReport.of(models).accuracyChart());
    DisplayData data = new DisplayData();
    data.putData("image/png", png);
    data.putText("accuracy by iteration, " + models.size() + " models");
    show(chartId, data, !chartShown);
    chartShown = true;
  }

  private DisplayData progress(SearchResult result) {
    String designer =
        !controllers.isEmpty()
            ? controllers
            : "epsilon "
                + (Double.isNaN(epsilon) ? "-" : String.format(Locale.ROOT, "%.1f", epsilon));
    String status =
        result != null
            ? "search "
                + result.status()
                + (result.message().isEmpty() ? "" : ": " + result.message())
            : "ETA " + eta();
    String line =
        String.format(
            Locale.ROOT,
            "%d/%d models | %s | best %.4f | %s%s",
            done,
            total,
            designer,
            best,
            stopped == 0 ? "" : stopped + " stopped early | ",
            status);
    String detail =
        training.isEmpty() ? (lastStop.isEmpty() ? "" : "last stop: " + lastStop) : training;
    DisplayData d = new DisplayData();
    d.putText(line + (detail.isEmpty() ? "" : "\n" + detail));
    d.putHTML(
        "<div class=\"metaqnn4j-progress\" style=\"font-family:monospace\"><progress value=\""
            + done
            + "\" max=\""
            + Math.max(1, total)
            + "\" style=\"width:240px\"></progress> "
            + Views.escape(line)
            + (detail.isEmpty() ? "" : "<br><small>" + Views.escape(detail) + "</small>")
            + "</div>");
    return d;
  }

  private String eta() {
    int newDone = done - doneAtStart;
    if (newDone == 0) {
      return "-";
    }
    double perModel = (System.nanoTime() - startNanos) / 1e9 / newDone;
    long seconds = Math.round(perModel * Math.max(0, total - done));
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }

  /** Shows {@code data} as display {@code id}: a new output if {@code first}, else in place. */
  private void show(String id, DisplayData data, boolean first) {
    if (!kernel.getIO().display.isAttached()) {
      return; // the cell has ended (a search run on another thread); nothing to update
    }
    data.setDisplayId(id);
    if (first) {
      kernel.display(data);
    } else {
      kernel.getIO().display.updateDisplay(id, data);
    }
  }
}
