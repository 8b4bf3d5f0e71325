package io.github.metaqnn4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentStoreTest {
  @TempDir Path dir;

  @Test
  void configAndModelsRoundTrip() {
    Path f = dir.resolve("runs/a.db");
    StoredModel m =
        new StoredModel(
            0,
            0,
            "[C(8,3,1), SM(10)]",
            1.0,
            0.61,
            false,
            "COMPLETED",
            "",
            2.5,
            List.of(0.4, 0.61),
            Map.of("parameters", 1234.0, "flops", 5e6));
    try (var store = ExperimentStore.open(f)) {
      store.useSettings(
          Map.of("seed", 7, "space", Map.of("name", "small", "filters", List.of(8, 16))));
      store.append(m, null);
      store.append(
          new StoredModel(
              1,
              -1,
              "[C(8,3,1), SM(10)]",
              1.0,
              0.61,
              true,
              "COMPLETED",
              "",
              2.5,
              List.of(0.4, 0.61),
              Map.of()),
          null);
    }
    try (var store = ExperimentStore.open(f)) {
      assertEquals(
          Map.of("seed", 7.0, "space", Map.of("name", "small", "filters", List.of(8.0, 16.0))),
          store.settings());
      assertEquals(m, store.models().get(0));
      assertEquals(2, store.models().size());
      assertEquals("running", store.status());
      store.useSettings(
          Map.of(
              "seed",
              7,
              "space",
              Map.of("name", "small", "filters", List.of(8, 16)))); // same settings: fine
    }
  }

  @Test
  void anotherSearchsSettingsAreNamed() {
    Path f = dir.resolve("b.db");
    try (var store = ExperimentStore.open(f)) {
      store.useSettings(
          Map.of("seed", 7, "space", Map.of("name", "small", "filters", List.of(8, 16))));
      var e =
          assertThrows(
              StoreException.class,
              () ->
                  store.useSettings(
                      Map.of(
                          "seed", 7,
                          "space", Map.of("name", "small", "filters", List.of(8, 32)),
                          "workers", 2)));
      // the first difference in key order, inside the nested settings
      assertTrue(
          e.getMessage()
              .contains("first setting that differs is space.filters[1]: stored 16, now 32"),
          e.getMessage());
      assertTrue(e.getMessage().contains("Use the stored settings to resume it"), e.getMessage());
      e =
          assertThrows(
              StoreException.class,
              () ->
                  store.useSettings(
                      Map.of(
                          "seed", 7,
                          "space", Map.of("name", "small", "filters", List.of(8, 16)),
                          "workers", 2)));
      assertTrue(e.getMessage().contains("workers: stored (absent), now 2"), e.getMessage());
    }
  }

  @Test
  void curvesAndMetricsAreJsonAndKeysMayHoldCommasAndEquals() throws Exception {
    Path f = dir.resolve("json.db");
    StoredModel m =
        new StoredModel(
            0,
            0,
            "[SM(10)]",
            1.0,
            0.5,
            false,
            "COMPLETED",
            "",
            1.0,
            List.of(0.25, 0.5),
            Map.of("a,b=c", 1.5, "flops", 2e9));
    try (var store = ExperimentStore.open(f)) {
      store.append(m, null);
    }
    try (var c = DriverManager.getConnection(ExperimentStore.jdbcUrl(f));
        var rs = c.createStatement().executeQuery("SELECT curve, metrics FROM models")) {
      rs.next();
      assertEquals("[0.25,0.5]", rs.getString(1));
      assertEquals("{\"a,b=c\":1.5,\"flops\":2.0E9}", rs.getString(2));
    }
    try (var store = ExperimentStore.open(f)) {
      assertEquals(m, store.models().get(0));
    }
  }

  @Test
  void aQuestionMarkInTheFileNameIsPartOfTheName() throws Exception {
    Path f = dir.resolve("odd?journal_mode=delete&x=1 #2.db");
    try (var store = ExperimentStore.open(f)) {
      store.useSettings(Map.of("seed", 1));
    }
    assertTrue(Files.isRegularFile(f), "the store is the file that was named");
    assertEquals(List.of(f.getFileName().toString()), fileNamesIn(dir));
    try (var store = ExperimentStore.open(f)) {
      assertEquals(Map.of("seed", 1.0), store.settings());
    }
  }

  private static List<String> fileNamesIn(Path dir) throws java.io.IOException {
    try (var files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith("-wal") && !n.endsWith("-shm"))
          .toList();
    }
  }

  @Test
  void sessionsRecordProvenanceAndHowTheyEnded() {
    Path f = dir.resolve("sessions.db");
    try (var store = ExperimentStore.open(f)) {
      int id = store.startSession(Map.of("toolkit", Map.of("version", "1.2")));
      store.ended(id, "FAILED", "ended by IllegalStateException: boom");
    }
    try (var store = ExperimentStore.open(f)) {
      var s = store.sessions();
      assertEquals(1, s.size());
      assertEquals(Map.of("toolkit", Map.of("version", "1.2")), s.get(0).provenance());
      assertEquals("FAILED", s.get(0).status());
      assertEquals("ended by IllegalStateException: boom", s.get(0).reason());
      assertEquals("FAILED", store.status());
      assertEquals("ended by IllegalStateException: boom", store.endReason());
    }
  }

  @Test
  void aSessionClosesItsOwnRowNotTheNewest() {
    Path f = dir.resolve("two.db");
    try (var first = ExperimentStore.open(f);
        var second = ExperimentStore.open(f)) {
      int a = first.startSession(Map.of("who", "first"));
      int b = second.startSession(Map.of("who", "second"));
      first.ended(a, "FAILED", "lost");
      var s = first.sessions();
      assertEquals("FAILED", s.get(0).status());
      assertEquals(null, s.get(1).status(), "the second session is still running");
      second.ended(b, "COMPLETED", "");
      assertEquals("COMPLETED", second.sessions().get(1).status());
      assertEquals("FAILED", second.sessions().get(0).status());
    }
  }

  @Test
  void aStoreWithDamagedPagesIsRefusedOnOpen() throws Exception {
    Path f = dir.resolve("damaged.db");
    try (var store = ExperimentStore.open(f)) {
      store.useSettings(Map.of("seed", 1));
      for (int i = 0; i < 400; i++) {
        store.append(
            new StoredModel(
                i,
                i,
                "[C(8,3,1), SM(10)]",
                1.0,
                0.5,
                false,
                "COMPLETED",
                "",
                1.0,
                List.of(0.1, 0.2, 0.3, 0.4, 0.5),
                Map.of("parameters", 1e3 + i)),
            null);
      }
    }
    try (var store = ExperimentStore.open(f)) {
      assertEquals(400, store.models().size()); // sound before the damage
    }
    byte[] bytes = Files.readAllBytes(f);
    int pageSize = 4096;
    assertTrue(bytes.length > 8 * pageSize, "pages: " + bytes.length / pageSize);
    int middle = (bytes.length / pageSize / 2) * pageSize;
    for (int i = 0; i < pageSize; i++) {
      bytes[middle + i] = (byte) (i * 31 + 7);
    }
    Files.write(f, bytes);
    var e = assertThrows(StoreException.class, () -> ExperimentStore.open(f).close());
    assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  private static StoredModel model(int i, double reward) {
    return new StoredModel(
        i,
        i,
        "[C(8,3,1), SM(10)]",
        1.0,
        reward,
        false,
        "COMPLETED",
        "",
        1.0,
        List.of(0.1, reward),
        Map.of("parameters", 1e3));
  }

  private static void sql(Path f, String statement) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + f)) {
      c.createStatement().execute(statement);
    }
  }

  /** A value changed inside a sound page (SQLite's check passes) is found by the row's seal. */
  @Test
  void aValueChangedInASoundPageIsFoundByItsSeal() throws Exception {
    Path f = dir.resolve("sealed.db");
    try (var store = ExperimentStore.open(f)) {
      store.useSettings(Map.of("seed", 1));
      for (int i = 0; i < 5; i++) {
        store.append(model(i, 0.5), null);
      }
    }
    sql(f, "UPDATE models SET reward = 0.99 WHERE iteration = 3");
    try (var store = ExperimentStore.open(f)) {
      var e = assertThrows(StoreException.class, store::models);
      assertTrue(
          e.getMessage().contains("is damaged (the row of iteration 3 of models: its seal differs"),
          e.getMessage());
    }
    sql(f, "UPDATE models SET reward = 0.5 WHERE iteration = 3");
    sql(f, "UPDATE models SET seal = NULL WHERE iteration = 1");
    try (var store = ExperimentStore.open(f)) {
      var e = assertThrows(StoreException.class, store::models);
      assertTrue(
          e.getMessage().contains("iteration 1 of models: its seal is missing"), e.getMessage());
    }
    sql(f, "UPDATE models SET seal = NULL WHERE iteration = 1"); // (still)
    sql(f, "UPDATE meta SET value = '{\"seed\":2}' WHERE key = 'settings'");
    var e = assertThrows(StoreException.class, () -> ExperimentStore.open(f).settings());
    assertTrue(
        e.getMessage().contains("the row 'settings' of meta: its seal differs"), e.getMessage());
  }

  /** A store of schema 2 (no seals) still opens and reads; its new rows are sealed. */
  @Test
  void aStoreOfSchemaTwoOpensAndSealsItsNewRows() throws Exception {
    Path f = dir.resolve("schema2.db");
    sql(f, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    sql(
        f,
        "CREATE TABLE models(iteration INTEGER PRIMARY KEY, model INTEGER NOT NULL,"
            + " architecture TEXT NOT NULL, epsilon REAL NOT NULL, reward REAL NOT NULL,"
            + " reused INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,"
            + " seconds REAL NOT NULL, curve TEXT NOT NULL, metrics TEXT NOT NULL,"
            + " finished_at TEXT NOT NULL)");
    sql(
        f,
        "CREATE TABLE q_values(state_layer TEXT NOT NULL, depth INTEGER NOT NULL,"
            + " size_bin INTEGER NOT NULL, fc_run INTEGER NOT NULL, action TEXT NOT NULL,"
            + " value REAL NOT NULL, PRIMARY KEY(state_layer, depth, size_bin, fc_run, action))");
    sql(
        f,
        "CREATE TABLE final_models(rank INTEGER PRIMARY KEY, architecture TEXT NOT NULL,"
            + " epochs INTEGER NOT NULL, test_accuracy REAL NOT NULL, seconds REAL NOT NULL,"
            + " training_loss TEXT NOT NULL)");
    sql(
        f,
        "INSERT INTO meta VALUES ('format', 'metaqnn4j-experiment'), ('schema_version', '2'),"
            + " ('settings', '{\"seed\":1}'), ('status', 'running')");
    sql(
        f,
        "INSERT INTO models VALUES (0, 0, '[C(8,3,1), SM(10)]', 1.0, 0.25, 0, 'COMPLETED', '',"
            + " 1.0, '[0.1,0.25]', '{\"parameters\":1000.0}', '2026-12-01T00:00:00Z')");
    try (var store = ExperimentStore.open(f)) {
      assertEquals(Map.of("seed", 1.0), store.settings());
      assertEquals(0.25, store.models().get(0).reward());
      store.append(model(1, 0.5), null);
    }
    sql(f, "UPDATE models SET reward = 0.3 WHERE iteration = 0"); // unsealed: read as it is
    try (var store = ExperimentStore.open(f)) {
      assertEquals(0.3, store.models().get(0).reward());
    }
    sql(f, "UPDATE models SET reward = 0.7 WHERE iteration = 1"); // sealed when written
    try (var store = ExperimentStore.open(f)) {
      var e = assertThrows(StoreException.class, store::models);
      assertTrue(
          e.getMessage().contains("iteration 1 of models: its seal differs"), e.getMessage());
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + f);
        var rs =
            c.createStatement()
                .executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
      rs.next();
      assertEquals(String.valueOf(ExperimentStore.SCHEMA_VERSION), rs.getString(1));
    }
  }

  @Test
  void filesThatAreNotExperimentsAreRejected() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(
        text, "this is not a database, just some text that is long enough to look like a header");
    var e = assertThrows(StoreException.class, () -> ExperimentStore.open(text));
    assertTrue(
        e.getMessage().startsWith(text + " is not a metaqnn4j experiment store"), e.getMessage());

    Path other = dir.resolve("other.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + other)) {
      c.createStatement().execute("CREATE TABLE t(x INTEGER)");
    }
    e = assertThrows(StoreException.class, () -> ExperimentStore.open(other));
    assertTrue(
        e.getMessage().contains("not a metaqnn4j experiment store (no meta table)"),
        e.getMessage());

    Path newer = dir.resolve("newer.db");
    ExperimentStore.open(newer).close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + newer)) {
      c.createStatement().execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
    }
    e = assertThrows(StoreException.class, () -> ExperimentStore.open(newer));
    assertTrue(e.getMessage().contains("written by a newer metaqnn4j (schema 99"), e.getMessage());
  }

  /** Several processes (here threads) opening the same new file at once all get the store. */
  @Test
  void openingANewFileConcurrentlyCreatesItOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      Path f = dir.resolve("race-" + round + ".db");
      int n = 6;
      var ready = new java.util.concurrent.CountDownLatch(n);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
      try {
        List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
          results.add(
              pool.submit(
                  () -> {
                    ready.countDown();
                    ready.await();
                    try (var store = ExperimentStore.open(f)) {
                      return store.status();
                    }
                  }));
        }
        for (var r : results) {
          assertEquals("new", r.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
