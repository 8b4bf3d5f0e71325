package io.github.metaqnn4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpsilonScheduleTest {

  @Test
  void paperScheduleIsTable2() {
    EpsilonSchedule s = EpsilonSchedule.paper();
    assertEquals(2700, s.total());
    assertEquals(1.0, s.epsilonAt(0));
    assertEquals(1.0, s.epsilonAt(1499));
    assertEquals(0.9, s.epsilonAt(1500));
    assertEquals(0.8, s.epsilonAt(1600));
    assertEquals(0.7, s.epsilonAt(1799));
    assertEquals(0.6, s.epsilonAt(1800));
    assertEquals(0.5, s.epsilonAt(1950));
    assertEquals(0.1, s.epsilonAt(2699));
    assertThrows(IllegalArgumentException.class, () -> s.epsilonAt(2700));
  }

  @Test
  void scalingKeepsProportionsAndTotal() {
    EpsilonSchedule s = EpsilonSchedule.paper().scaledTo(120);
    assertEquals(120, s.total());
    // exact shares 66.67, 4.44 x3, 6.67 x6; floors add up to 114, and the 6 spare models go to
    // the largest remainders (0.67: stage 1, then the 0.6 .. 0.2 stages, first come first)
    assertEquals(
        List.of(67, 4, 4, 4, 7, 7, 7, 7, 7, 6),
        s.stages().stream().map(EpsilonSchedule.Stage::models).toList());
    for (int total : new int[] {1, 7, 30, 999, 2700, 10_000}) {
      EpsilonSchedule t = EpsilonSchedule.paper().scaledTo(total);
      assertEquals(total, t.total());
      for (int i = 0; i < t.stages().size(); i++) {
        double exact = EpsilonSchedule.paper().stages().get(i).models() * (double) total / 2700;
        assertEquals(exact, t.stages().get(i).models(), 1.0);
      }
    }
    assertEquals(EpsilonSchedule.paper(), EpsilonSchedule.paper().scaledTo(2700));
  }

  @Test
  void customSchedules() {
    EpsilonSchedule s = EpsilonSchedule.start(1.0, 2).then(0.5, 0).then(0.1, 1);
    assertEquals(1.0, s.epsilonAt(1));
    assertEquals(0.1, s.epsilonAt(2));
    assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.start(1.5, 3));
    assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.start(1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.paper().scaledTo(0));
  }

  @Test
  void schedulesParseFromTheirTextAndBadStagesAreNamed() {
    assertEquals(EpsilonSchedule.paper(), EpsilonSchedule.parse(" paper "));
    assertEquals(
        EpsilonSchedule.start(1.0, 30).then(0.5, 10).then(0.1, 10),
        EpsilonSchedule.parse("1.0x30, 0.5 x 10,0.1x10"));
    EpsilonSchedule scaled = EpsilonSchedule.paper().scaledTo(60);
    assertEquals(scaled, EpsilonSchedule.parse(scaled.toString()));
    var e =
        assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.parse("1.0x30, 0.5"));
    assertTrue(e.getMessage().startsWith("cannot read the schedule stage '0.5'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.parse("2.0x3"));
  }

  @Test
  void emptyStagesAndTotalsPastTheLimitAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.parse("1.0x3,,"));
    assertTrue(e.getMessage().startsWith("cannot read the schedule stage ''"), e.getMessage());
    int max = Integer.MAX_VALUE;
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EpsilonSchedule.parse("1.0x" + max + ", 0.5x" + max + ", 0.1x" + max));
    assertTrue(
        e.getMessage().startsWith("an epsilon schedule holds at most 100000000 models"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("got 6442450941"), e.getMessage());
  }
}
