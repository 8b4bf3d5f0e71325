package io.github.metaqnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

class CellHistoryTest {
  private static final Set<ResultFlag> NONE = EnumSet.noneOf(ResultFlag.class);

  private static CellHistory history() {
    CellHistory h = new CellHistory();
    h.add(1, "int a = 1;", null);
    h.add(2, "a + 1", "2");
    h.add(3, "a + 1", "2");
    h.add(4, "show(a)", "");
    return h;
  }

  private static List<Integer> cells(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::getCellNumber).toList();
  }

  @Test
  void tailRangeAndSearch() {
    CellHistory h = history();
    assertEquals(List.of(3, 4), cells(h.lookupTail(2, NONE)));
    assertEquals(List.of(2, 3), cells(h.lookupRange(CellHistory.SESSION, 2, 4, NONE)));
    assertEquals(List.of(2, 3), cells(h.search("a + *", 10, NONE)));
    assertEquals(List.of(3), cells(h.search("a + *", 10, EnumSet.of(ResultFlag.UNIQUE))));
    assertEquals(List.of(4), cells(h.search("*", 1, NONE)));
  }

  @Test
  void outputOnlyWhenAskedFor() {
    CellHistory h = history();
    assertNull(h.lookupTail(1, NONE).get(0).getOutput());
    HistoryEntry e = h.lookupRange(0, 2, 3, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0);
    assertEquals("2", e.getOutput());
  }
}
