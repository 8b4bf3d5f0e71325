package io.github.metaqnn4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EchoTest {
  @Test
  void shortTextIsQuotedAsItIs() {
    assertEquals("[C(8,3,1), SM(10)]", Echo.of("[C(8,3,1), SM(10)]"));
  }

  @Test
  void longTextIsCutWithItsLengthAndControlsAreEscaped() {
    String shown = Echo.of("e{gc\u001b[31m" + "9".repeat(5000));
    assertTrue(shown.startsWith("e{gc\\u001b[31m999"), shown);
    assertTrue(shown.endsWith("... (5,009 characters)"), shown);
    assertFalse(shown.contains("\u001b"));
    assertTrue(shown.length() < 100, shown);
  }

  @Test
  void aParseErrorInAHugeTextQuotesTheStretchAroundItWithTheCaretUnderTheFault() {
    String huge = "[" + "C(8,3,1), ".repeat(1_000_000) + "X(1), SM(10)]";
    var e = assertThrows(NotationException.class, () -> Architecture.parse(huge));
    assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
    String[] lines = e.getMessage().split("\n");
    int caret = lines[2].indexOf('^');
    assertEquals('X', lines[1].charAt(caret), e.getMessage());
  }
}
