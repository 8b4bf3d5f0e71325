package io.github.metaqnn4j.notebook;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.FinalModels;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Shows a table, chart, state space or result wherever the code runs: in a notebook cell it is
 * displayed as the kernel renders it; in a terminal (JShell) tables and summaries print as text,
 * and charts open in a window, or are saved as PNG files under {@code charts/} when there is no
 * display.
 *
 * <pre>{@code
 * show(StateSpace.small().build());
 * show(ExperimentReport.of(result).accuracyChart());
 * }</pre>
 */
public final class Show {
  private static final AtomicInteger CHARTS = new AtomicInteger();

  private Show() {}

  /** Shows {@code x}: displayed in a notebook, printed or opened in a terminal. */
  public static void show(Object x) {
    var kernel = Notebook.kernel();
    if (kernel.isPresent()) {
      kernel.get().display(kernel.get().getRenderer().render(x));
    } else if (x instanceof Chart<?, ?> chart) {
      showChart(chart);
    } else {
      System.out.println(text(x));
    }
  }

  /** The plain text a terminal shows for {@code x}. */
  static String text(Object x) {
    if (x instanceof Table t) {
      return Views.text(t, 50);
    }
    if (x instanceof StateSpace s) {
      return Views.text(s);
    }
    if (x instanceof SearchResult r) {
      return Views.text(r);
    }
    if (x instanceof ExperimentReport r) {
      return Views.text(r);
    }
    if (x instanceof FinalModels f) {
      return Views.text(f);
    }
    return String.valueOf(x);
  }

  private static void showChart(Chart<?, ?> chart) {
    if (!GraphicsEnvironment.isHeadless()) {
      new SwingWrapper<>(chart).displayChart();
      return;
    }
    try {
      Path dir = Path.of("charts");
      Files.createDirectories(dir);
      String name =
          String.format(
              Locale.ROOT,
              "chart-%d-%s",
              CHARTS.incrementAndGet(),
              chart.getTitle().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT));
      Path file = dir.resolve(name);
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
      System.out.println("no display here: the chart is saved as " + file + ".png");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the chart: " + e.getMessage(), e);
    }
  }
}
