package io.github.metaqnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fault campaign, in the test command: its table printed, nothing but the two good ends. */
class FaultCampaignTest {
  @TempDir Path dir;

  @Test
  void everyFaultAndBadInputEndsIdenticalOrRefusedByName() throws Exception {
    var campaign = new FaultCampaign(dir, System.nanoTime() % 1_000);
    var rows = campaign.runAll();
    System.out.print(campaign.table());
    int kills = 0;
    for (var r : rows) {
      assertEquals(0, r.others(), r.fault() + ": " + r.other());
      assertEquals(r.trials(), r.identical() + r.refused(), r.fault());
      if (r.fault().startsWith("kill")) {
        kills += r.trials();
      }
    }
    assertTrue(kills >= 20, "kills: " + kills);
    // faults that leave a resumable store end identical, and damage is refused: both seen
    assertTrue(
        rows.stream().anyMatch(r -> r.fault().startsWith("kill -9 during") && r.identical() > 0));
    assertTrue(rows.stream().anyMatch(r -> r.fault().startsWith("1-8 bytes") && r.refused() > 0));
  }
}
