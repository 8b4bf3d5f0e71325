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
      store.useConfig(Map.of("seed", "7", "space", "small"));
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
      assertEquals(Map.of("seed", "7", "space", "small"), store.config());
      assertEquals(m, store.models().get(0));
      assertEquals(2, store.models().size());
      assertEquals("running", store.status());
      store.useConfig(Map.of("seed", "7", "space", "small")); // same settings: fine
    }
  }

  @Test
  void anotherSearchsSettingsAreNamed() {
    Path f = dir.resolve("b.db");
    try (var store = ExperimentStore.open(f)) {
      store.useConfig(Map.of("seed", "7", "space", "small"));
      var e =
          assertThrows(
              StoreException.class,
              () -> store.useConfig(Map.of("seed", "8", "space", "small", "workers", "2")));
      assertTrue(e.getMessage().contains("seed: stored 7, now 8"), e.getMessage());
      assertTrue(e.getMessage().contains("workers: stored null, now 2"), e.getMessage());
      assertTrue(e.getMessage().contains("Use the stored settings to resume it"), e.getMessage());
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
