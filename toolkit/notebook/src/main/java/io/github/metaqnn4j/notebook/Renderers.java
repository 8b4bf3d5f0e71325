package io.github.metaqnn4j.notebook;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.SpaceSummary;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.FinalModels;
import java.util.function.Function;
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
    htmlAndText(
        renderer,
        java.net.URL.class,
        u ->
            "<a href=\""
                + Views.escape(u.toExternalForm())
                + "\" target=\"_blank\">"
                + Views.escape(u.toExternalForm())
                + "</a>",
        java.net.URL::toExternalForm);
    htmlAndText(renderer, StateSpace.class, Views::html, Views::text);
    htmlAndText(renderer, SpaceSummary.class, Views::html, SpaceSummary::toString);
    htmlAndText(renderer, SearchResult.class, Views::html, Views::text);
    htmlAndText(renderer, ExperimentReport.class, Views::html, Views::text);
    htmlAndText(renderer, FinalModels.class, Views::html, Views::text);
  }

  /** A value shown as HTML in a notebook and as text where HTML is not wanted. */
  private static <T> void htmlAndText(
      Renderer renderer, Class<T> type, Function<T, String> html, Function<T, String> text) {
    renderer
        .createRegistration(type)
        .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
        .register(
            (value, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html.apply(value));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text.apply(value));
            });
  }
}
