package io.github.metaqnn4j.notebook;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.SpaceSummary;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.FinalModels;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The toolkit's renderers for a JJava kernel: Tablesaw tables as HTML (the first {@value
 * Views#TABLE_ROWS} rows; the render parameter {@code rows} changes that), XChart charts as PNG
 * (SVG on request: {@code display(chart, "image/svg+xml")}), state spaces, search results, reports
 * and finished models as HTML; each also as plain text.
 */
public final class Renderers {
  private Renderers() {}

  /** Registers every renderer with {@code renderer}. */
  public static void registerAll(Renderer renderer) {
    renderer
        .createRegistration(Table.class)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register(
            (t, ctx) -> {
              int rows = ctx.getParameterAsInt("rows", Views.TABLE_ROWS);
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Views.html(t, rows));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Views.text(t, rows));
            });
    renderer
        .createRegistration(Chart.class)
        .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
        .supporting(MIMEType.IMAGE_SVG)
        .register(
            (c, ctx) -> {
              ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Views.pngBase64(c));
              ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> Views.svg(c));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Views.text(c));
            });
    renderer
        .createRegistration(StateSpace.class)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register(
            (s, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Views.html(s));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Views.text(s));
            });
    renderer
        .createRegistration(SpaceSummary.class)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register(
            (s, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Views.html(s));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, s::toString);
            });
    renderer
        .createRegistration(SearchResult.class)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register(
            (r, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Views.html(r));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Views.text(r));
            });
    renderer
        .createRegistration(ExperimentReport.class)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register(
            (r, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Views.html(r));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> r.summary(10));
            });
    renderer
        .createRegistration(FinalModels.class)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register(
            (f, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Views.html(f));
              ctx.renderIfRequested(
                  MIMEType.TEXT_PLAIN, () -> Views.text(ExperimentReport.table(f), 100));
            });
  }
}
