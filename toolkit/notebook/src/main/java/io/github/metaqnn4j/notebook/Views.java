package io.github.metaqnn4j.notebook;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.SpaceSummary;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.FinalModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * How the toolkit's objects look: HTML for notebooks, plain text for terminals and plain-text front
 * ends, PNG and SVG for charts. Shared by the notebook renderers and {@link Show}.
 */
final class Views {
  /** Rows of a table shown before "... n more rows". */
  static final int TABLE_ROWS = 20;

  private Views() {}

  // ---- tables --------------------------------------------------------------------------------

  static String html(Table t, int maxRows) {
    List<String> header = t.columnNames();
    List<List<String>> rows = new ArrayList<>();
    int shown = Math.min(maxRows, t.rowCount());
    for (int r = 0; r < shown; r++) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < t.columnCount(); c++) {
        cells.add(t.getString(r, c));
      }
      rows.add(cells);
    }
    String caption = t.name() + " (" + t.rowCount() + " rows, " + t.columnCount() + " columns)";
    String more = t.rowCount() > shown ? "... " + (t.rowCount() - shown) + " more rows" : null;
    return htmlTable(caption, header, rows, more);
  }

  static String text(Table t, int maxRows) {
    return t.rowCount() <= maxRows
        ? t.printAll()
        : t.print(maxRows) + "... " + (t.rowCount() - maxRows) + " more rows\n";
  }

  static String htmlTable(
      String caption, List<String> header, List<List<String>> rows, String footer) {
    StringBuilder sb = new StringBuilder("<table class=\"metaqnn4j\">");
    if (caption != null) {
      sb.append("<caption style=\"text-align:left\">").append(escape(caption)).append("</caption>");
    }
    sb.append("<thead><tr>");
    header.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
    sb.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      sb.append("<tr>");
      row.forEach(c -> sb.append("<td>").append(escape(c)).append("</td>"));
      sb.append("</tr>");
    }
    if (footer != null) {
      sb.append("<tr><td colspan=\"")
          .append(header.size())
          .append("\"><i>")
          .append(escape(footer))
          .append("</i></td></tr>");
    }
    return sb.append("</tbody></table>").toString();
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  // ---- charts --------------------------------------------------------------------------------

  static String pngBase64(Chart<?, ?> chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the chart as PNG", e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  static String svg(Chart<?, ?> chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the chart as SVG", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static String text(Chart<?, ?> chart) {
    return chart.getClass().getSimpleName()
        + " '"
        + chart.getTitle()
        + "' ("
        + chart.getSeriesMap().size()
        + " series)";
  }

  // ---- state spaces --------------------------------------------------------------------------

  static String html(StateSpace space) {
    SpaceSummary s = space.describe();
    return "<div class=\"metaqnn4j\"><b>State space "
        + escape(space.name())
        + "</b>: "
        + escape(space.toString().replaceFirst("^StateSpace [^:]*: ", ""))
        + html(s)
        + "</div>";
  }

  static String html(SpaceSummary s) {
    int maxDepth =
        s.statesByType().values().stream()
            .flatMap(m -> m.keySet().stream())
            .mapToInt(i -> i)
            .max()
            .orElse(0);
    List<String> header = new ArrayList<>(List.of("layer type"));
    for (int d = 0; d <= maxDepth; d++) {
      header.add("depth " + d);
    }
    header.add("total");
    List<List<String>> rows = new ArrayList<>();
    for (String type : List.of("start", "C", "P", "FC", "GAP")) {
      Map<Integer, Integer> byDepth = s.statesByType().get(type);
      if (byDepth == null) {
        continue;
      }
      List<String> row = new ArrayList<>(List.of(type));
      for (int d = 0; d <= maxDepth; d++) {
        row.add(String.valueOf(byDepth.getOrDefault(d, 0)));
      }
      row.add(String.valueOf(s.count(type)));
      rows.add(row);
    }
    String caption =
        String.format(
            Locale.ROOT,
            "%,d states, %,d state-action pairs (the Q table), %s architectures",
            s.states(),
            s.stateActionPairs(),
            s.architectures());
    return htmlTable(caption, header, rows, null);
  }

  static String text(StateSpace space) {
    return space.describe().toString();
  }

  // ---- results -------------------------------------------------------------------------------

  static String html(SearchResult r) {
    return "<div class=\"metaqnn4j\"><b>Search "
        + escape(r.status().name())
        + "</b> "
        + escape(r.message())
        + " &middot; seed "
        + r.seed()
        + " &middot; greedy architecture <code>"
        + escape(String.valueOf(r.greedy()))
        + "</code>"
        + reportHtml(ExperimentReport.of(r))
        + "</div>";
  }

  static String text(SearchResult r) {
    return "Search "
        + r.status()
        + " "
        + r.message()
        + "\ngreedy architecture: "
        + r.greedy()
        + "\n"
        + ExperimentReport.of(r).summary(5);
  }

  static String html(ExperimentReport report) {
    return "<div class=\"metaqnn4j\">" + reportHtml(report) + "</div>";
  }

  static String text(ExperimentReport report) {
    return report.summary(10);
  }

  private static String reportHtml(ExperimentReport report) {
    StringBuilder sb = new StringBuilder();
    sb.append(html(report.byEpsilon(), TABLE_ROWS));
    sb.append(html(report.topModels(5), 5));
    report.finalModels().ifPresent(t -> sb.append(html(t, TABLE_ROWS)));
    return sb.toString();
  }

  static String html(FinalModels f) {
    return html(ExperimentReport.table(f), TABLE_ROWS);
  }

  static String text(FinalModels f) {
    return text(ExperimentReport.table(f), 100);
  }
}
