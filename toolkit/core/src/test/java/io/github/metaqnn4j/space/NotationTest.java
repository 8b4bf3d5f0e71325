package io.github.metaqnn4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotationTest {

  @Test
  void everyPublishedArchitectureParsesAndRoundTrips() {
    List<PaperArchitectures.Row> rows = PaperArchitectures.rows();
    assertEquals(12, rows.size());
    for (var row : rows) {
      Architecture a = Architecture.parse(row.text());
      String canonical = a.toString();
      assertEquals(a, Architecture.parse(canonical), canonical);
      assertEquals(canonical, Architecture.parse(canonical).toString());
      assertEquals(normalized(row.text()), normalized(canonical));
      assertTrue(canonical.startsWith("[C(") && canonical.endsWith(", SM(10)]"), canonical);
    }
  }

  /** Layers joined by '-', without spaces or brackets: equal iff the same layers in order. */
  private static String normalized(String text) {
    return text.replaceAll("[\\s\\[\\]]", "").replace("),", ")-");
  }

  @Test
  void canonicalFormOfTheIssueExample() {
    String text = "[C(64,1,1), C(256,3,1), P(2,2), C(512,3,1), FC(512), SM(10)]";
    Architecture a = Architecture.parse(text);
    assertEquals(text, a.toString());
    assertEquals(
        List.of(
            new Conv(64, 1, 1),
            new Conv(256, 3, 1),
            new Pool(2, 2),
            new Conv(512, 3, 1),
            new FullyConnected(512),
            new Softmax(10)),
        a.layers());
    assertEquals(5, a.depth());
    assertEquals(3, a.count("C"));
  }

  @Test
  void gapAndWhitespaceAndDashes() {
    Architecture a = Architecture.parse("  C( 32 ,3, 1 ) -GAP(10)- SM(10) ");
    assertEquals("[C(32,3,1), GAP(10), SM(10)]", a.toString());
    assertEquals(new GlobalAveragePooling(10), Layer.parse("GAP(10)"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[C(64,3), SM(10)]|7|',': C takes 3 numbers",
        "[C(64,3,1,2), SM(10)]|9|')': C takes 3 numbers",
        "[X(1), SM(10)]|1|a layer type C, P, FC, GAP or SM",
        "[C(64,3,1) SM(10)]|11|',' or ']'",
        "[C(64,3,1), SM(10)] extra|20|the end of the text after ']'",
        "[]|1|a layer such as C(64,3,1)",
        "[P(a,2)]|3|a positive whole number",
        "[C(0,3,1)]|1|valid parameters (C(n,f,l): filters n must be positive, got 0)",
        "C(64,3,1),|10|a layer type C, P, FC, GAP or SM",
        "[SM(10)|7|',' or ']'",
      })
  void badTextNamesPositionAndExpectation(String text, int position, String expected) {
    NotationException e = assertThrows(NotationException.class, () -> Architecture.parse(text));
    assertEquals(position, e.position(), e.getMessage());
    assertEquals(expected, e.expected());
    assertTrue(e.getMessage().contains("position " + position), e.getMessage());
    assertTrue(e.getMessage().contains(" ".repeat(position + 2) + "^"), e.getMessage());
  }

  @Test
  void nullTextIsRejectedClearly() {
    var e = assertThrows(IllegalArgumentException.class, () -> Architecture.parse(null));
    assertEquals("architecture text is null", e.getMessage());
  }
}
