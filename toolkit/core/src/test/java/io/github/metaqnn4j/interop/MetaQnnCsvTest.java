package io.github.metaqnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.agent.QTable;
import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SyntheticEvaluator;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.FullyConnected;
import io.github.metaqnn4j.space.GlobalAveragePooling;
import io.github.metaqnn4j.space.KernelRule;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.Softmax;
import io.github.metaqnn4j.space.State;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import io.github.metaqnn4j.store.StoredModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetaQnnCsvTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "[C(64,5,1), SM(10)]; [C(64,5,1), SM(10)]",
        "[C(64,3,1), P(2,2), SM(10)]; [C(64,3,1), P(2,2), D(1,1), SM(10)]",
        "[C(128,1,1), C(256,5,1), P(5,3), SM(10)]; [C(128,1,1), C(256,5,1), D(1,2), P(5,3), SM(10)]",
        "[C(256,1,1), C(64,5,1), P(3,2), GAP(10), SM(10)];"
            + " [C(256,1,1), C(64,5,1), D(1,1), P(3,2), GAP(10), SM(10)]",
        "[GAP(10), SM(10)]; [GAP(10), SM(10)]",
        "[SM(10)]; [SM(10)]",
        "[C(256,5,1), C(256,3,1), P(5,3), C(64,3,1), P(3,2), C(512,1,1), C(512,1,1), FC(128),"
            + " FC(128), SM(10)]; [C(256,5,1), C(256,3,1), D(1,6), P(5,3), C(64,3,1), D(2,6),"
            + " P(3,2), C(512,1,1), D(3,6), C(512,1,1), FC(128), D(4,6), FC(128), D(5,6), SM(10)]"
      })
  void netsAreWrittenWithTheOriginalDropoutLayers(String ours, String original) {
    assertEquals(original, MetaQnnCsv.originalNet(Architecture.parse(ours)));
  }

  @Test
  void originalLogsImportIntoAStore() throws IOException {
    Path logs = dir.resolve("logs");
    OriginalLogs.write(logs);
    StateSpace space = StateSpace.cifar10().build();
    Path db = dir.resolve("imported.db");
    var summary = MetaQnnCsv.importInto(logs, space, db);
    assertEquals(new MetaQnnCsv.ImportSummary(6, 4, 8, 1), summary);

    try (var store = ExperimentStore.open(db)) {
      assertEquals("IMPORTED", store.status());
      assertEquals(space, store.space().orElseThrow());
      List<StoredModel> models = store.models();
      assertEquals(
          List.of(
              "[C(256,5,1), SM(10)]",
              "[C(64,3,1), C(128,3,1), P(2,2), SM(10)]",
              "[C(64,3,1), C(128,3,1), P(2,2), SM(10)]",
              "[SM(10)]",
              "[C(64,3,1), GAP(10), SM(10)]",
              "[SM(10)]"),
          models.stream().map(StoredModel::architecture).toList());
      assertEquals(List.of(0, 1, -1, 2, 3, -1), models.stream().map(StoredModel::model).toList());
      assertEquals(
          List.of(0.62, 0.71, 0.71, 0.1, 0.4, 0.1), models.stream().map(m -> m.reward()).toList());
      assertEquals(
          List.of(1.0, 1.0, 0.9, 0.9, 0.9, 0.9), models.stream().map(m -> m.epsilon()).toList());
      assertEquals(0.7, models.get(1).metrics().get("accuracy_last_val"));
      assertEquals(java.time.Instant.ofEpochMilli(1_480_000_100_500L), store.finishTimes().get(1));

      QTable q = new QTable(space.graph(), 0.5);
      store.qValues().forEach(v -> q.setValue(v.state(), v.action(), v.value()));
      State start = space.start();
      State conv = new State(new Conv(64, 3, 1), 1, 8, 0);
      assertEquals(0.61, q.value(start, new Conv(64, 3, 1)));
      assertEquals(0.55, q.value(conv, new Softmax(10)));
      assertEquals(0.58, q.value(conv, new Pool(2, 2)), "keyed by the bucket it lands in");
      assertEquals(0.3, q.value(start, new GlobalAveragePooling(10)));
      assertEquals(0.5, q.value(start, new Conv(512, 5, 1)), "absent from the log: Q0");
      assertEquals(space.stateActionCount(), store.qValues().size());
    }
  }

  /** The canonical FC and GAP rows win over the sampling walk's stale ones, in any row order. */
  @Test
  void duplicateStatesAreResolvedByMeaningInAnyRowOrder() throws IOException {
    StateSpace space = StateSpace.cifar10().build();
    State fc = new State(new FullyConnected(512), 5, 1, 1);
    State gap = new State(new GlobalAveragePooling(10), 2, 1, 0);
    Set<Boolean> staleGapLast = new HashSet<>();
    for (int seed = 0; seed < 8; seed++) {
      Path logs = dir.resolve("logs" + seed);
      OriginalLogs.write(logs, new Random(seed));
      String q = Files.readString(logs.resolve(MetaQnnCsv.Q_VALUES));
      staleGapLast.add(q.indexOf("0,0,0,8,3,gap") > q.indexOf("0,0,0,1,3,gap"));
      Path db = dir.resolve("imported" + seed + ".db");
      MetaQnnCsv.importInto(logs, space, db);
      try (var store = ExperimentStore.open(db)) {
        Map<String, Double> v = values(store.qValues());
        assertEquals(0.66, v.get(fc + " -> SM(10)"), "seed " + seed);
        assertEquals(0.47, v.get(gap + " -> SM(10)"), "seed " + seed);
      }
    }
    assertEquals(Set.of(true, false), staleGapLast, "both row orders were tried");
  }

  @Test
  void exportWritesWhatTheOriginalCodeReads() throws IOException {
    Path logs = dir.resolve("logs");
    OriginalLogs.write(logs);
    Path db = dir.resolve("imported.db");
    MetaQnnCsv.importInto(logs, StateSpace.cifar10().build(), db);
    Path out = dir.resolve("out");
    MetaQnnCsv.ExportSummary summary;
    try (var store = ExperimentStore.open(db)) {
      summary = MetaQnnCsv.export(store, out);
    }
    List<String> replay = Files.readAllLines(out.resolve(MetaQnnCsv.REPLAY));
    assertEquals(
        "net,accuracy_best_val,iter_best_val,accuracy_last_val,iter_last_val,accuracy_best_test,"
            + "accuracy_last_test,ix_q_value_update,epsilon,time_finished,machine_run_on",
        replay.get(0));
    assertEquals(
        "\"[C(64,3,1), C(128,3,1), D(1,2), P(2,2), SM(10)]\",0.71,900,0.7,1000,-1.0,-1.0,2,1.0,"
            + "1480000100.5,metaqnn4j",
        replay.get(2));
    assertEquals("[SM(10)],0.1,0,0.1,0,-1.0,-1.0,6,0.9,1480000500.0,metaqnn4j", replay.get(6));
    assertEquals(7, replay.size());

    List<String> q = Files.readAllLines(out.resolve(MetaQnnCsv.Q_VALUES));
    assertEquals(
        "start_layer_type,start_layer_depth,start_filter_depth,start_filter_size,start_stride,"
            + "start_image_size,start_fc_size,start_terminate,end_layer_type,end_layer_depth,"
            + "end_filter_depth,end_filter_size,end_stride,end_image_size,end_fc_size,"
            + "end_terminate,utility",
        q.get(0));
    assertTrue(q.contains("start,0,1,0,0,8,0,0,conv,1,64,3,1,8,0,0,0.61"), "start -> C(64,3,1)");
    assertTrue(q.contains("conv,1,64,3,1,8,0,0,conv,2,64,3,1,8,0,1,0.55"), "termination");
    assertTrue(q.contains("conv,1,64,3,1,8,0,0,pool,2,0,2,2,4,0,0,0.58"), "lands in 4");
    assertTrue(q.contains("conv,1,64,3,1,8,0,0,pool,2,0,5,3,1,0,0,0.5"), "8 -> 2: bucket 1");
    assertTrue(q.contains("fc,5,0,0,0,1,512,0,fc,6,0,0,0,1,512,1,0.66"), "FC termination");
    assertTrue(q.contains("gap,2,0,0,0,1,0,0,gap,3,0,0,0,1,0,1,0.47"), "GAP termination");
    assertEquals(new MetaQnnCsv.ExportSummary(6, q.size() - 1, 0, 0), summary);
  }

  @Test
  void exportImportExportGivesTheSameFiles() throws IOException {
    Path logs = dir.resolve("logs");
    OriginalLogs.write(logs, new Random(3));
    StateSpace space = StateSpace.cifar10().build();
    MetaQnnCsv.importInto(logs, space, dir.resolve("a.db"));
    try (var store = ExperimentStore.open(dir.resolve("a.db"))) {
      MetaQnnCsv.export(store, dir.resolve("first"));
    }
    MetaQnnCsv.importInto(dir.resolve("first"), space, dir.resolve("b.db"));
    try (var store = ExperimentStore.open(dir.resolve("b.db"))) {
      MetaQnnCsv.export(store, dir.resolve("second"));
    }
    for (String file : List.of(MetaQnnCsv.REPLAY, MetaQnnCsv.Q_VALUES)) {
      assertEquals(
          Files.readString(dir.resolve("first").resolve(file)),
          Files.readString(dir.resolve("second").resolve(file)),
          file);
    }
  }

  /**
   * A space with another kernel rule has pairs the original cannot create. By hand, for 6x6 inputs
   * (bin 4), C(8,3) and C(8,5), depth 2, no pooling, FC or GAP: under the paper's text (kernel <=
   * 6) start has SM, C3, C5; C3 and C5 at depth 1 have the same three; at depth 2 only SM: 3 + 6 +
   * 2 = 11 pairs. Under the original's rule (kernel < 4) only C3: start -> SM, C3; C3 -> SM, C3; C3
   * at depth 2 -> SM: 5 pairs, so 6 are left out, among them C5 -> C3 whose kernel is fine but
   * whose state the original never reaches.
   */
  @Test
  void exportLeavesOutPairsTheOriginalEnumeratorCannotCreate() throws IOException {
    StateSpace space =
        StateSpace.paper()
            .imageSize(6)
            .maxDepth(2)
            .convFilters(8)
            .convKernels(3, 5)
            .pools()
            .fcSizes()
            .globalAveragePooling(false)
            .kernelRule(KernelRule.PAPER_TEXT)
            .build();
    assertEquals(11, space.stateActionCount());
    Path db = dir.resolve("text.db");
    Search.qLearning(space)
        .evaluator(SyntheticEvaluator.of(a -> 0.3 + 0.1 * a.count("C")))
        .schedule(EpsilonSchedule.paper().scaledTo(10))
        .seed(2)
        .store(db)
        .run();
    MetaQnnCsv.ExportSummary summary;
    try (var store = ExperimentStore.open(db)) {
      summary = MetaQnnCsv.export(store, dir.resolve("csv"));
    }
    assertEquals(5, summary.qValues());
    assertEquals(6, summary.qValuesLeftOut());
    List<String> rows = Files.readAllLines(dir.resolve("csv").resolve(MetaQnnCsv.Q_VALUES));
    assertEquals(
        Set.of(
            "start,0,1,0,0,4,0,0,start,1,1,0,0,4,0,1",
            "start,0,1,0,0,4,0,0,conv,1,8,3,1,4,0,0",
            "conv,1,8,3,1,4,0,0,conv,2,8,3,1,4,0,1",
            "conv,1,8,3,1,4,0,0,conv,2,8,3,1,4,0,0",
            "conv,2,8,3,1,4,0,0,conv,3,8,3,1,4,0,1"),
        rows.subList(1, rows.size()).stream()
            .map(r -> r.substring(0, r.lastIndexOf(',')))
            .collect(java.util.stream.Collectors.toSet()));
    assertTrue(summary.netsOutsideOriginal() > 0, "nets with C(8,5) were sampled");
  }

  @Test
  void aSearchSurvivesExportAndImport() {
    StateSpace space = StateSpace.small().build();
    Path original = dir.resolve("search.db");
    Search.qLearning(space)
        .evaluator(SyntheticEvaluator.of(a -> 0.3 + 0.1 * a.count("C") - 0.05 * a.count("FC")))
        .schedule(EpsilonSchedule.paper().scaledTo(40))
        .seed(5)
        .store(original)
        .run();
    Path csv = dir.resolve("csv");
    try (var store = ExperimentStore.open(original)) {
      assertEquals(0, MetaQnnCsv.export(store, csv).qValuesLeftOut());
    }
    Path back = dir.resolve("back.db");
    var summary = MetaQnnCsv.importInto(csv, space, back);
    assertEquals(0, summary.qValuesOutsideSpace());
    assertEquals(space.stateActionCount(), summary.qValues());
    try (var a = ExperimentStore.open(original);
        var b = ExperimentStore.open(back)) {
      assertEquals(a.models().size(), b.models().size());
      for (int i = 0; i < a.models().size(); i++) {
        StoredModel x = a.models().get(i);
        StoredModel y = b.models().get(i);
        assertEquals(x.architecture(), y.architecture());
        assertEquals(x.epsilon(), y.epsilon());
        assertEquals(x.reward(), y.reward());
        assertEquals(x.reused(), y.reused());
        assertEquals(x.model(), y.model());
      }
      assertEquals(values(a.qValues()), values(b.qValues()));
    }
  }

  private static Map<String, Double> values(List<QValue> qs) {
    Map<String, Double> m = new HashMap<>();
    qs.forEach(q -> m.put(q.state() + " -> " + q.action(), q.value()));
    return m;
  }

  @Test
  void badLogsAreNamed() throws IOException {
    StateSpace space = StateSpace.cifar10().build();
    var e =
        assertThrows(
            StoreException.class, () -> MetaQnnCsv.importInto(dir, space, dir.resolve("x.db")));
    assertTrue(e.getMessage().startsWith("no replay_database.csv in " + dir), e.getMessage());

    Path logs = dir.resolve("logs");
    OriginalLogs.write(logs);
    Files.writeString(logs.resolve(MetaQnnCsv.REPLAY), "net,accuracy\n\"[SM(10)]\",0.1\n");
    e =
        assertThrows(
            StoreException.class, () -> MetaQnnCsv.importInto(logs, space, dir.resolve("y.db")));
    assertTrue(
        e.getMessage().endsWith("lacks the columns accuracy_best_val, epsilon, ix_q_value_update"),
        e.getMessage());

    OriginalLogs.write(logs);
    Path small = dir.resolve("small.db");
    e =
        assertThrows(
            StoreException.class,
            () -> MetaQnnCsv.importInto(logs, StateSpace.small().build(), small));
    assertTrue(e.getMessage().contains("replay_database.csv row 1: Layer 0"), e.getMessage());
    assertTrue(e.getMessage().contains("Import with the state space"), e.getMessage());

    Path used = dir.resolve("used.db");
    MetaQnnCsv.importInto(logs, space, used);
    e = assertThrows(StoreException.class, () -> MetaQnnCsv.importInto(logs, space, used));
    assertTrue(e.getMessage().endsWith("already holds an experiment: import into a new file."));
  }

  /** The logs with row {@code row}'s {@code column} replaced by {@code value}. */
  private Path logsWith(String name, int row, String column, String value) throws IOException {
    Path logs = dir.resolve(name);
    OriginalLogs.write(logs);
    Path replay = logs.resolve(MetaQnnCsv.REPLAY);
    var format = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().build();
    List<List<String>> rows = new java.util.ArrayList<>();
    List<String> header;
    try (var parser = format.parse(Files.newBufferedReader(replay))) {
      header = parser.getHeaderNames();
      parser.forEach(r -> rows.add(new java.util.ArrayList<>(r.toList())));
    }
    rows.get(row - 1).set(header.indexOf(column), value);
    try (var printer =
        org.apache.commons.csv.CSVFormat.DEFAULT.print(Files.newBufferedWriter(replay))) {
      printer.printRecord(header);
      for (List<String> r : rows) {
        printer.printRecord(r);
      }
    }
    return logs;
  }

  @Test
  void aBadRowLeavesNoStoreBehindAndNamesTheRow() throws IOException {
    StateSpace space = StateSpace.cifar10().build();
    Path store = dir.resolve("nan.db");
    var e =
        assertThrows(
            StoreException.class,
            () -> MetaQnnCsv.importInto(logsWith("nan", 2, "epsilon", "NaN"), space, store));
    assertTrue(e.getMessage().contains("replay_database.csv row 2: epsilon NaN"), e.getMessage());
    assertFalse(Files.exists(store), "no half-written store");
    e =
        assertThrows(
            StoreException.class,
            () -> MetaQnnCsv.importInto(logsWith("big", 3, "epsilon", "7.5"), space, store));
    assertTrue(e.getMessage().contains("row 3: epsilon 7.5 is not in [0, 1]"), e.getMessage());
    String noise = "e{gc\u001b[31m" + "9".repeat(5000);
    e =
        assertThrows(
            StoreException.class,
            () -> MetaQnnCsv.importInto(logsWith("noise", 1, "epsilon", noise), space, store));
    assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
    assertTrue(e.getMessage().contains("e{gc\\u001b[31m999"), e.getMessage());
    assertFalse(e.getMessage().contains("\u001b"), "no raw escape codes");
    assertFalse(Files.exists(store));
    // and a sound import lands whole
    MetaQnnCsv.importInto(logsWith("fine", 1, "epsilon", "1.0"), space, store);
    try (var s = ExperimentStore.open(store)) {
      assertEquals("IMPORTED", s.status());
      assertTrue(s.models().size() > 2);
    }
  }

  @Test
  void everyStateAndActionHasAnOriginalFormThatMapsBack() {
    StateSpace space = StateSpace.cifar10().build();
    for (QValue q : new QTable(space.graph(), 0.5).entries()) {
      MetaQnnState from = MetaQnnState.of(q.state());
      assertEquals(q.state(), from.toState(space));
      Layer back = MetaQnnState.action(q.state(), q.action(), space).toAction(space);
      assertEquals(q.action(), back, q.toString());
    }
  }
}
