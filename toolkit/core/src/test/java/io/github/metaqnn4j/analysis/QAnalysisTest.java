package io.github.metaqnn4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.interop.MetaQnnCsv;
import io.github.metaqnn4j.interop.OriginalLogs;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Q-table figures worked out by hand from {@link OriginalLogs} in the cifar10 space. */
class QAnalysisTest {
  @TempDir Path dir;

  private QAnalysis imported() throws Exception {
    Path logs = dir.resolve("logs");
    OriginalLogs.write(logs);
    MetaQnnCsv.importInto(logs, StateSpace.cifar10().build(), dir.resolve("q.db"));
    try (var store = ExperimentStore.open(dir.resolve("q.db"))) {
      return QAnalysis.of(store);
    }
  }

  /**
   * The trajectories: [C(256,5,1), SM] 2 pairs; [C(64,3,1), C(128,3,1), P(2,2), SM] 4; [SM] 1;
   * [C(64,3,1), GAP, SM] 2 new (start -> C(64,3,1) was counted): 9.
   */
  @Test
  void visitedPairsAreThoseOfTheSampledTrajectories() throws Exception {
    QAnalysis q = imported();
    assertEquals(9, q.visitedCount());
    Table visited = q.visited();
    assertEquals(9, visited.rowCount());
    Table gap = visited.where(visited.stringColumn("from type").isEqualTo("GAP"));
    assertEquals(1, gap.rowCount());
    assertEquals(0.47, gap.doubleColumn("Q").get(0), 1e-12, "the canonical GAP row's value");
    assertEquals("SM", gap.stringColumn("action type").get(0));
  }

  @Test
  void theTableSplitsStatesAndActionsIntoTheirParameters() throws Exception {
    Table t = imported().table();
    Table pool =
        t.where(
            t.stringColumn("action type")
                .isEqualTo("P")
                .and(t.intColumn("from depth").isEqualTo(1))
                .and(t.intColumn("from filters").isEqualTo(64))
                .and(t.intColumn("from kernel").isEqualTo(3))
                .and(t.intColumn("action kernel").isEqualTo(2)));
    assertEquals(1, pool.rowCount());
    assertEquals(2, pool.intColumn("action stride").get(0));
    assertEquals(8, pool.intColumn("from size bin").get(0));
    assertEquals(4, pool.intColumn("action size bin").get(0), "8 -> P(2,2) -> 4");
    assertEquals(2, pool.intColumn("action depth").get(0));
    assertEquals(0.58, pool.doubleColumn("Q").get(0), 1e-12);
    assertTrue(pool.intColumn("action filters").isMissing(0));
  }

  @Test
  void meansByTypeAndKernelAreThoseOfThePairs() throws Exception {
    QAnalysis q = imported();
    Table byType = q.meanByLayerType();
    Table gap1 =
        byType.where(
            byType
                .stringColumn("action type")
                .isEqualTo("GAP")
                .and(byType.intColumn("action depth").isEqualTo(1)));
    assertEquals(0.3, gap1.doubleColumn("mean Q").get(0), 1e-12, "start -> GAP only");
    assertEquals(1, gap1.intColumn("pairs").get(0));
    Table c1 =
        byType.where(
            byType
                .stringColumn("action type")
                .isEqualTo("C")
                .and(byType.intColumn("action depth").isEqualTo(1)));
    // 12 convolutions from start: C(64,3,1) at 0.61, eleven at the initial 0.5
    assertEquals(12, c1.intColumn("pairs").get(0));
    assertEquals((0.61 + 11 * 0.5) / 12, c1.doubleColumn("mean Q").get(0), 1e-12);

    Table byKernel = q.meanConvByKernel();
    Table k3 =
        byKernel.where(
            byKernel
                .intColumn("action kernel")
                .isEqualTo(3)
                .and(byKernel.intColumn("action depth").isEqualTo(1)));
    assertEquals(4, k3.intColumn("pairs").get(0), "64, 128, 256, 512 filters");
    assertEquals((0.61 + 3 * 0.5) / 4, k3.doubleColumn("mean Q").get(0), 1e-12);

    var figure = q.byLayerType();
    assertEquals(List.of("C", "P", "FC", "GAP", "SM"), List.copyOf(figure.getSeriesMap().keySet()));
    assertEquals(
        Palette.layerType("GAP"), figure.getSeriesMap().get("GAP").getLineColor(), "GAP colour");
    var kernels = q.convByKernel();
    assertEquals(
        List.of("C, kernel 1x1", "C, kernel 3x3", "C, kernel 5x5"),
        List.copyOf(kernels.getSeriesMap().keySet()));
    double[] y = kernels.getSeriesMap().get("C, kernel 3x3").getYData();
    assertEquals(0.5275, y[0], 1e-12);
  }
}
