package io.github.metaqnn4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetaQnnCsvTest {
  @TempDir Path dir;

  /** Logs in the original code's layout: pandas' sorted columns, extra columns, dropout in nets. */
  static void writeOriginalLogs(Path logs) throws IOException {
    Files.createDirectories(logs);
    Files.writeString(
        logs.resolve(MetaQnnCsv.REPLAY),
        """
        net,accuracy_best_val,iter_best_val,accuracy_last_val,iter_last_val,accuracy_best_test,\
        accuracy_last_test,ix_q_value_update,epsilon,time_finished,machine_run_on
        "[C(64,3,1), C(128,3,1), D(1,2), P(2,2), SM(10)]",0.71,900.0,0.7,1000.0,-1.0,-1.0,2.0,1.0,\
        1480000100.5,gpu1
        "[C(256,5,1), SM(10)]",0.62,800.0,0.61,1000.0,-1.0,-1.0,1.0,1.0,1480000000.0,gpu2
        "[C(64,3,1), C(128,3,1), D(1,2), P(2,2), SM(10)]",0.71,900.0,0.7,1000.0,-1.0,-1.0,3.0,0.9,\
        1480000200.0,gpu1
        [SM(10)],0.1,0.0,0.1,0.0,-1.0,-1.0,4.0,0.9,1480000300.0,gpu3
        """);
    String header =
        "end_fc_size,end_filter_depth,end_filter_size,end_image_size,end_layer_depth,"
            + "end_layer_type,end_split_depth,end_split_width,end_stride,end_terminate,"
            + "start_fc_size,start_filter_depth,start_filter_size,start_image_size,"
            + "start_layer_depth,start_layer_type,start_split_depth,start_split_width,"
            + "start_stride,start_terminate,utility\n";
    Files.writeString(
        logs.resolve(MetaQnnCsv.Q_VALUES),
        header
            // start -> C(64,3,1)
            + "0,64,3,8,1,conv,0,0,1,0,0,1,0,8,0,start,0,0,0,0,0.61\n"
            // C(64,3,1) at depth 1 -> terminate
            + "0,64,3,8,2,conv,0,0,1,1,0,64,3,8,1,conv,0,0,1,0,0.55\n"
            // C(64,3,1) at depth 1 -> P(2,2)
            + "0,0,2,8,2,pool,0,0,2,0,0,64,3,8,1,conv,0,0,1,0,0.58\n"
            // FC(512) at depth 5 -> terminate, the canonical form, then the sampling duplicate
            + "512,0,0,1,6,fc,0,0,0,1,512,0,0,1,5,fc,0,0,0,0,0.66\n"
            + "512,0,0,4,6,fc,0,0,0,1,512,0,0,4,5,fc,0,0,0,0,0.5\n"
            // start -> P(2,2): not in the paper's space (no initial pooling)
            + "0,0,2,8,1,pool,0,0,2,0,0,1,0,8,0,start,0,0,0,0,0.4\n"
            // start -> GAP
            + "0,0,0,1,1,gap,0,0,0,0,0,1,0,8,0,start,0,0,0,0,0.3\n");
  }

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
    writeOriginalLogs(logs);
    StateSpace space = StateSpace.cifar10().build();
    Path db = dir.resolve("imported.db");
    var summary = MetaQnnCsv.importInto(logs, space, db);
    assertEquals(new MetaQnnCsv.ImportSummary(4, 3, 6, 1), summary);

    try (var store = ExperimentStore.open(db)) {
      assertEquals("IMPORTED", store.status());
      List<StoredModel> models = store.models();
      assertEquals(
          List.of(
              "[C(256,5,1), SM(10)]",
              "[C(64,3,1), C(128,3,1), P(2,2), SM(10)]",
              "[C(64,3,1), C(128,3,1), P(2,2), SM(10)]",
              "[SM(10)]"),
          models.stream().map(StoredModel::architecture).toList());
      assertEquals(List.of(0, 1, -1, 2), models.stream().map(StoredModel::model).toList());
      assertEquals(List.of(0.62, 0.71, 0.71, 0.1), models.stream().map(m -> m.reward()).toList());
      assertEquals(List.of(1.0, 1.0, 0.9, 0.9), models.stream().map(m -> m.epsilon()).toList());
      assertEquals(0.7, models.get(1).metrics().get("accuracy_last_val"));
      assertEquals(java.time.Instant.ofEpochMilli(1_480_000_100_500L), store.finishTimes().get(1));

      QTable q = new QTable(space.graph(), 0.5);
      store.qValues().forEach(v -> q.setValue(v.state(), v.action(), v.value()));
      State start = space.start();
      State conv = new State(new Conv(64, 3, 1), 1, 8, 0);
      State fc = new State(new FullyConnected(512), 5, 1, 1);
      assertEquals(0.61, q.value(start, new Conv(64, 3, 1)));
      assertEquals(0.55, q.value(conv, new Softmax(10)));
      assertEquals(0.58, q.value(conv, new Pool(2, 2)));
      assertEquals(0.66, q.value(fc, new Softmax(10)), "the canonical FC state wins");
      assertEquals(0.3, q.value(start, new GlobalAveragePooling(10)));
      assertEquals(0.5, q.value(start, new Conv(512, 5, 1)), "absent from the log: Q0");
      assertEquals(space.stateActionCount(), store.qValues().size());
    }
  }

  @Test
  void exportWritesWhatTheOriginalCodeReads() throws IOException {
    Path logs = dir.resolve("logs");
    writeOriginalLogs(logs);
    Path db = dir.resolve("imported.db");
    MetaQnnCsv.importInto(logs, StateSpace.cifar10().build(), db);
    Path out = dir.resolve("out");
    try (var store = ExperimentStore.open(db)) {
      MetaQnnCsv.export(store, out);
    }
    List<String> replay = Files.readAllLines(out.resolve(MetaQnnCsv.REPLAY));
    assertEquals(
        "net,accuracy_best_val,iter_best_val,accuracy_last_val,iter_last_val,accuracy_best_test,"
            + "accuracy_last_test,ix_q_value_update,epsilon,time_finished,machine_run_on",
        replay.get(0));
    assertEquals(
        "\"[C(64,3,1), C(128,3,1), D(1,2), P(2,2), SM(10)]\",0.71,900.0,0.7,1000.0,-1.0,-1.0,2.0,"
            + "1.0,1.4800001005E9,metaqnn4j",
        replay.get(2));
    assertEquals(5, replay.size());

    List<String> q = Files.readAllLines(out.resolve(MetaQnnCsv.Q_VALUES));
    assertEquals(
        "start_layer_type,start_layer_depth,start_filter_depth,start_filter_size,start_stride,"
            + "start_image_size,start_fc_size,start_terminate,end_layer_type,end_layer_depth,"
            + "end_filter_depth,end_filter_size,end_stride,end_image_size,end_fc_size,"
            + "end_terminate,utility",
        q.get(0));
    assertTrue(q.contains("start,0,1,0,0,8,0,0,conv,1,64,3,1,8,0,0,0.61"), "start -> C(64,3,1)");
    assertTrue(q.contains("conv,1,64,3,1,8,0,0,conv,2,64,3,1,8,0,1,0.55"), "termination");
    assertTrue(q.contains("fc,5,0,0,0,1,512,0,fc,6,0,0,0,1,512,1,0.66"), "FC termination");
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
      MetaQnnCsv.export(store, csv);
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
    writeOriginalLogs(logs);
    Files.writeString(logs.resolve(MetaQnnCsv.REPLAY), "net,accuracy\n\"[SM(10)]\",0.1\n");
    e =
        assertThrows(
            StoreException.class, () -> MetaQnnCsv.importInto(logs, space, dir.resolve("y.db")));
    assertTrue(
        e.getMessage().endsWith("lacks the columns accuracy_best_val, epsilon, ix_q_value_update"),
        e.getMessage());

    writeOriginalLogs(logs);
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

  @Test
  void everyStateAndActionHasAnOriginalFormThatMapsBack() {
    StateSpace space = StateSpace.cifar10().build();
    for (QValue q : new QTable(space.graph(), 0.5).entries()) {
      MetaQnnState from = MetaQnnState.of(q.state());
      assertEquals(q.state(), from.toState(space));
      Layer back = MetaQnnState.action(q.state(), q.action()).toAction(space);
      assertEquals(q.action(), back, q.toString());
    }
  }
}
