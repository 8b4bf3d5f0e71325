package io.github.metaqnn4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.search.SyntheticEvaluator;
import io.github.metaqnn4j.space.StateSpace;
import java.util.Base64;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The toolkit's objects as a JJava kernel renders them (the kernel itself is tested from Python).
 */
class RenderersTest {
  private static Renderer renderer() {
    Renderer r = new Renderer();
    Renderers.registerAll(r);
    return r;
  }

  private static SearchResult search() {
    return Search.qLearning(StateSpace.small().build())
        .evaluator(SyntheticEvaluator.of(a -> 0.5 + 0.05 * a.count("C")))
        .schedule(EpsilonSchedule.start(1.0, 12))
        .seed(2)
        .quiet()
        .run();
  }

  private static String data(DisplayData d, MIMEType type) {
    Object v = d.getData(type);
    return v == null ? null : v.toString();
  }

  @Test
  void tablesAreHtmlWithARowLimitAndEscaped() {
    Table t =
        Table.create(
            "models", IntColumn.create("n", new int[45]), StringColumn.create("s", new String[45]));
    t.stringColumn("s").set(0, "<C(8,3,1)>");
    DisplayData d = renderer().render(t);
    String html = data(d, MIMEType.TEXT_HTML);
    assertTrue(html.contains("models (45 rows, 2 columns)"), html);
    assertEquals(Views.TABLE_ROWS + 1, html.split("<tr>", -1).length - 1); // header + rows
    assertTrue(html.contains("... 25 more rows"));
    assertTrue(html.contains("&lt;C(8,3,1)&gt;"));
    assertTrue(data(d, MIMEType.TEXT_PLAIN).contains("25 more rows"));
    String all = data(renderer().render(t, Map.of("rows", 100)), MIMEType.TEXT_HTML);
    assertEquals(46, all.split("<tr>", -1).length - 1);
  }

  /** Raw doubles are rounded to their column's scale; columns with a formatter keep it. */
  @Test
  void numbersAreRoundedPerColumn() {
    var raw = DoubleColumn.create("raw", 0.7800000000000001, 0.5006024096385543);
    var big = DoubleColumn.create("big", 1234.56789, 2.0);
    var set = DoubleColumn.create("set", 0.123456789, 0.5);
    set.setPrintFormatter(tech.tablesaw.columns.numbers.NumberColumnFormatter.fixedWithGrouping(2));
    Table t = Table.create("numbers", raw, big, set);
    String html = data(renderer().render(t), MIMEType.TEXT_HTML);
    assertTrue(html.contains("0.7800") && html.contains("0.5006"), html);
    assertTrue(html.contains("1,234.6"), html);
    assertTrue(html.contains("0.12"), html);
    assertFalse(html.contains("0.5006024"), html);
    String text = data(renderer().render(t), MIMEType.TEXT_PLAIN);
    assertFalse(text.contains("0.7800000000000001"), text);
    assertTrue(text.lines().allMatch(l -> l.length() < 60), text);
  }

  /** Inline SVG is the svg element alone: nbconvert refuses an XML declaration. */
  @Test
  void svgHasNoXmlDeclarationOrDoctype() {
    var chart = ExperimentReport.of(search()).accuracyChart();
    String svg = data(renderer().renderAs(chart, "image/svg+xml"), MIMEType.IMAGE_SVG);
    assertTrue(svg.startsWith("<svg"), svg.substring(0, 80));
    assertFalse(svg.contains("<?xml") || svg.contains("<!DOCTYPE"));
  }

  @Test
  void urlsAreLinks() throws Exception {
    var url = new java.net.URL("https://example.org/a?b=c&d=e");
    DisplayData d = renderer().render(url);
    assertEquals(
        "<a href=\"https://example.org/a?b=c&amp;d=e\" target=\"_blank\">"
            + "https://example.org/a?b=c&amp;d=e</a>",
        data(d, MIMEType.TEXT_HTML));
    assertEquals("https://example.org/a?b=c&d=e", data(d, MIMEType.TEXT_PLAIN));
  }

  @Test
  void chartsArePngAndSvgOnRequest() {
    var chart = ExperimentReport.of(search()).accuracyChart();
    Renderer r = renderer();
    byte[] png = Base64.getDecoder().decode(data(r.render(chart), MIMEType.IMAGE_PNG));
    assertEquals((byte) 0x89, png[0]);
    assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    String svg = data(r.renderAs(chart, "image/svg+xml"), MIMEType.IMAGE_SVG);
    assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
  }

  @Test
  void spacesResultsAndReportsAreHtmlAndText() {
    Renderer r = renderer();
    SearchResult result = search();
    DisplayData space = r.render(StateSpace.small().build());
    assertTrue(data(space, MIMEType.TEXT_HTML).contains("State space small"));
    assertTrue(data(space, MIMEType.TEXT_PLAIN).startsWith("StateSpace small"));
    DisplayData res = r.render(result);
    assertTrue(data(res, MIMEType.TEXT_HTML).contains("12"), data(res, MIMEType.TEXT_HTML));
    assertTrue(data(r.render(ExperimentReport.of(result)), MIMEType.TEXT_HTML).contains("<table"));
  }

  @Test
  void outsideANotebookShowPrintsText() {
    assertTrue(Notebook.kernel().isEmpty());
    Table t = Table.create("tiny", IntColumn.create("a", 1, 2));
    assertTrue(Show.text(t).contains("tiny"));
    assertTrue(Show.text(StateSpace.small().build()).startsWith("StateSpace small"));
  }

  @Test
  void aJJavaKernelFindsTheExtensionAndEverySearchTheLiveDisplay() {
    // what a stock JJava kernel does with the jars %maven added
    var extensions =
        java.util.ServiceLoader.load(org.dflib.jjava.jupyter.Extension.class).stream()
            .map(p -> p.type().getName())
            .toList();
    assertTrue(extensions.contains(NotebookExtension.class.getName()), extensions.toString());
    var providers =
        java.util.ServiceLoader.load(io.github.metaqnn4j.search.ListenerProvider.class).stream()
            .map(p -> p.type().getName())
            .toList();
    assertTrue(
        providers.contains(LiveSearchDisplay.Provider.class.getName()), providers.toString());
  }
}
