package io.github.metaqnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.kernel.CellSource.Code;
import io.github.metaqnn4j.kernel.CellSource.Magic;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellSourceTest {
  @Test
  void lineMagicsSplitTheJavaAndKeepCellLines() {
    CellSource c = CellSource.parse("int a = 1;\n%maven g:a:1  \nint b = 2;\nint c = 3;");
    assertTrue(c.cellMagic().isEmpty());
    assertEquals(
        List.of(
            new Code("int a = 1;", 1),
            new Magic("maven", "g:a:1", 2),
            new Code("int b = 2;\nint c = 3;", 3)),
        c.parts());
  }

  @Test
  void aCellMagicOnTheFirstLineAppliesToTheRest() {
    CellSource c = CellSource.parse("\n%%time\nint x = 1;\nx");
    assertEquals(new Magic("time", "", 2), c.cellMagic().orElseThrow());
    assertEquals(List.of(new Code("int x = 1;\nx", 3)), c.parts());
  }

  @Test
  void javaViewBlanksMagicLinesAndKeepsPositions() {
    String text = "%%time\nint x = 1;\n%jars a.jar\nx";
    String view = CellSource.parse(text).javaView();
    assertEquals(text.length(), view.length());
    assertEquals("      \nint x = 1;\n           \nx", view);
  }

  @Test
  void modulusAndPercentInJavaAreNotMagics() {
    CellSource c = CellSource.parse("int r = 7 % 3;\nString s = \"%d\";");
    assertEquals(1, c.parts().size());
    assertTrue(c.parts().get(0) instanceof Code);
  }

  @Test
  void magicOnLineFindsMagicsByCellLine() {
    CellSource c = CellSource.parse("%%time\n%load a.jsh\n1");
    assertEquals("time", c.magicOnLine(1).orElseThrow().name());
    assertEquals("a.jsh", c.magicOnLine(2).orElseThrow().args());
    assertTrue(c.magicOnLine(3).isEmpty());
  }

  @Test
  void magicWordsKeepQuotedArguments() {
    assertEquals(List.of("a", "b c", "d"), Magics.words("a 'b c'  \"d\""));
  }

  @Test
  void helpCellsAreNamesWithAQuestionMark() {
    assertEquals(
        java.util.Optional.of("StateSpace.small"), CellSource.helpTarget("StateSpace.small?"));
    assertEquals(java.util.Optional.of("Math.max"), CellSource.helpTarget("  Math.max ??\n"));
    assertEquals(java.util.Optional.of("%maven"), CellSource.helpTarget("%maven?"));
    assertTrue(CellSource.helpTarget("a ? b : c").isEmpty());
    assertTrue(CellSource.helpTarget("x.y?\nz").isEmpty());
  }
}
