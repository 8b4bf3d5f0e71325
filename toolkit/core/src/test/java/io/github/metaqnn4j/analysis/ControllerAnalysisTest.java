package io.github.metaqnn4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.controller.ChoiceSpace;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.search.SyntheticEvaluator;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.ExperimentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ControllerAnalysisTest {
  private static final ChoiceSpace SEED_SPACE =
      ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
  private static final Architecture TARGET =
      Architecture.parse("[C(16,3,1), C(64,3,1), C(32,1,1), C(64,3,1), SM(10)]");

  @TempDir Path dir;

  @Test
  void theReportOfAControllerStoreShowsItsChoicesNotEpsilon() throws Exception {
    Path db = dir.resolve("c.db");
    SearchResult r =
        Search.controller(SEED_SPACE)
            .controller(ControllerSettings.defaults().controllers(2))
            .evaluator(SyntheticEvaluator.towards(TARGET))
            .scheduleCountsSamples()
            .models(400)
            .seed(4)
            .store(db)
            .quiet()
            .run();
    ExperimentReport report;
    try (var store = ExperimentStore.open(db)) {
      report = ExperimentReport.of(store);
    }
    assertTrue(report.qAnalysis().isEmpty());
    ControllerAnalysis c = report.controllerAnalysis().orElseThrow();
    assertEquals(2, c.controllers());
    // the stored snapshots are the ones the search kept
    assertEquals(ControllerAnalysis.of(r).orElseThrow().table().toString(), c.table().toString());
    Table last = c.finalChoices();
    assertEquals(2 * (4 * 2 + 4 * 3), last.rowCount()); // 2 controllers, 20 options each
    double pKernel3 =
        last.where(
                last.intColumn("controller")
                    .isEqualTo(1)
                    .and(last.stringColumn("decision").isEqualTo("layer 1 kernel"))
                    .and(last.stringColumn("option").isEqualTo("3")))
            .doubleColumn("probability")
            .get(0);
    assertTrue(pKernel3 > 0.8, "P(layer 1 kernel = 3) = " + pKernel3);
    assertEquals(1, c.table().intColumn("iteration").min()); // counted from 1

    Path out = dir.resolve("report");
    report.writeTo(out, 5);
    assertTrue(Files.exists(out.resolve("choice_probabilities_c1.png")));
    assertTrue(Files.exists(out.resolve("choice_probabilities_c2.svg")));
    assertTrue(Files.exists(out.resolve("final_choices.csv")));
    assertTrue(Files.exists(out.resolve("rolling_mean.png")));
    // no epsilon stages to draw: the rolling mean over every sample instead
    var rolling = report.rollingMeanChart(20);
    assertTrue(rolling.getSeriesMap().containsKey("each sampled model"));
    assertFalse(rolling.getSeriesMap().containsKey("mean accuracy at each epsilon"));
    assertFalse(Files.exists(out.resolve("by_epsilon.csv")));
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("2 policy-gradient"));
    assertThrows(IllegalArgumentException.class, () -> c.chart(2));
    assertEquals(30, c.chart(0).getHeatMapSeries().getXData().size()); // thinned from 101
  }
}
