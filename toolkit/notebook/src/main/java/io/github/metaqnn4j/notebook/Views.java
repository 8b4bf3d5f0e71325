package io.github.metaqnn4j.notebook;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.SpaceSummary;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.FinalModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.html.HtmlWriteOptions;

/**
 * How the toolkit's objects look: HTML for notebooks, plain text for terminals and plain-text front
 * ends, PNG and SVG for charts. Shared by the notebook renderers and {@link Show}.
 */
final class Views {
  /** Rows of a table shown before "... n more rows". */
  static final int TABLE_ROWS = 20;

  private Views() {}

  // ---- tables --------------------------------------------------------------------------------

  /**
   * A table as HTML (Tablesaw's writer): its caption, the first {@code maxRows} rows, and how many
   * more there are. Numbers print with their column's formatter, or sensibly rounded when the
   * column has none.
   */
  static String html(Table t, int maxRows) {
    StringWriter w = new StringWriter();
    shown(t, maxRows).write().usingOptions(HtmlWriteOptions.builder(w).build());
    String caption = t.name() + " (" + t.rowCount() + " rows, " + t.columnCount() + " columns)";
    String more =
        t.rowCount() > maxRows
            ? "<p><i>... " + (t.rowCount() - maxRows) + " more rows</i></p>"
            : "";
    return "<div class=\"metaqnn4j\"><p>" + escape(caption) + "</p>" + w + more + "</div>";
  }

  static String text(Table t, int maxRows) {
    Table shown = shown(t, maxRows);
    String body = shown.printAll();
    return t.rowCount() <= maxRows
        ? body
        : body + "... " + (t.rowCount() - maxRows) + " more rows\n";
  }

  /**
   * The first rows of {@code t} as printed: every cell as its column prints it, except numbers of a
   * column without a formatter (0.7800000000000001), which are rounded to the column's scale.
   */
  static Table shown(Table t, int maxRows) {
    int rows = Math.min(maxRows, t.rowCount());
    Table out = Table.create(t.name());
    for (Column<?> c : t.columns()) {
      StringColumn s = StringColumn.create(c.name());
      NumberFormat rounding =
          c instanceof NumberColumn<?, ?> n && unformatted(n, rows) ? rounding(n) : null;
      for (int r = 0; r < rows; r++) {
        boolean number = rounding != null && !c.isMissing(r);
        s.append(number ? rounding.format(((NumberColumn<?, ?>) c).getDouble(r)) : c.getString(r));
      }
      out.addColumns(s);
    }
    return out;
  }

  /** Whether a number column prints raw doubles, such as 0.5006024096385543. */
  private static boolean unformatted(NumberColumn<?, ?> c, int rows) {
    if (c instanceof IntColumn || c instanceof LongColumn || c instanceof ShortColumn) {
      return false;
    }
    for (int r = 0; r < rows; r++) {
      if (c.isMissing(r)) {
        continue;
      }
      String raw = String.valueOf(c.getDouble(r));
      int dot = raw.indexOf('.');
      if (c.getString(r).equals(raw) && (raw.contains("E") || raw.length() - dot - 1 > 4)) {
        return true;
      }
    }
    return false;
  }

  /** 4 decimals below 1, 3 up to 1,000, 1 above; scientific for tiny or huge numbers. */
  private static NumberFormat rounding(NumberColumn<?, ?> c) {
    double max = 0;
    for (int r = 0; r < c.size(); r++) {
      if (!c.isMissing(r) && Double.isFinite(c.getDouble(r))) {
        max = Math.max(max, Math.abs(c.getDouble(r)));
      }
    }
    DecimalFormatSymbols en = DecimalFormatSymbols.getInstance(Locale.ROOT);
    if (max > 0 && (max < 1e-3 || max >= 1e9)) {
      return new DecimalFormat("0.###E0", en);
    }
    String pattern = max >= 1000 ? "#,##0.0" : max >= 1 ? "#,##0.000" : "0.0000";
    return new DecimalFormat(pattern, en);
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
    return withoutPrologue(out.toString(StandardCharsets.UTF_8));
  }

  /**
   * SVG without its XML declaration and DOCTYPE: inlined into HTML (nbconvert, JupyterLab) only the
   * {@code <svg>} element is valid, and nbconvert refuses text with an encoding declaration.
   */
  static String withoutPrologue(String svg) {
    int start = svg.indexOf("<svg");
    return start > 0 ? svg.substring(start) : svg;
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
