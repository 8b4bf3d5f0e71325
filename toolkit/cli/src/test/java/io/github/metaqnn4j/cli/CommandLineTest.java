package io.github.metaqnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoredModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real (tiny) search on Fashion-MNIST through the command line, then resume, report, finish,
 * export and import.
 */
class CommandLineTest {
  @TempDir Path dir;

  @Test
  void searchResumeReportFinishExportImport() throws Exception {
    Path space = dir.resolve("tiny-space.properties");
    Files.writeString(space, "preset = small\nmaxDepth = 2\npools = P(2,2), P(3,2)\n");
    Path store = dir.resolve("tiny.db");
    int code =
        Main.run(
            "search",
            "--dataset",
            "fashion-mnist",
            "--space",
            space.toString(),
            "--schedule",
            "1.0x2, 0.5x1",
            "--epochs",
            "1",
            "--subsample",
            "600",
            "--validation",
            "200",
            "--seed",
            "4",
            "--store",
            store.toString());
    assertEquals(0, code);
    try (var s = ExperimentStore.open(store)) {
      assertEquals(3, s.models().stream().filter(m -> !m.reused()).count());
      assertEquals("COMPLETED", s.status());
      var cli = (java.util.Map<?, ?>) s.settings().get("cli");
      assertEquals("1.0x2, 0.5x1", cli.get("schedule"));
      var stateSpace = (java.util.Map<?, ?>) s.settings().get("space");
      assertEquals(2.0, stateSpace.get("maxDepth"));
      // provenance: the toolkit, the backend and its helpers path, the data files' checksums
      var provenance = s.sessions().get(0).provenance();
      assertEquals(
          io.github.metaqnn4j.search.Provenance.version(),
          ((java.util.Map<?, ?>) provenance.get("toolkit")).get("version"));
      var evaluator = (java.util.Map<?, ?>) provenance.get("evaluator");
      assertEquals("oneDNN", evaluator.get("helpers"));
      assertTrue(String.valueOf(evaluator.get("nativeBuild")).contains("HAVE_ONEDNN"));
      var files = (java.util.Map<?, ?>) evaluator.get("dataFiles");
      assertEquals(4, files.size(), files.toString());
      assertTrue(
          files.values().stream().allMatch(v -> String.valueOf(v).matches("[0-9a-f]{64}")),
          files.toString());
    }
    Path report = dir.resolve("tiny-report");
    assertTrue(Files.size(report.resolve("accuracy.png")) > 1000);
    assertTrue(
        Files.readString(report.resolve("summary.txt"))
            .startsWith("3 iterations: 3 unique models (0 failed), 0 re-samples"));
    assertEquals(4, Files.readAllLines(report.resolve("top_models.csv")).size());

    assertEquals(0, Main.run("resume", "--store", store.toString())); // nothing left to do
    try (var s = ExperimentStore.open(store)) {
      assertEquals(3, s.models().stream().filter(m -> !m.reused()).count());
    }
    Path other = dir.resolve("other");
    assertEquals(
        0,
        Main.run("report", "--store", store.toString(), "--out", other.toString(), "--top", "2"));
    assertEquals(3, Files.readAllLines(other.resolve("top_models.csv")).size());

    assertEquals(0, Main.run("finish", "--store", store.toString(), "--top", "2", "--epochs", "1"));
    try (var s = ExperimentStore.open(store)) {
      var finals = s.finals().orElseThrow();
      assertTrue(finals.models().size() >= 1 && finals.models().size() <= 2);
      assertTrue(finals.settings().contains("trained on 600 training + validation images"));
    }
    assertTrue(Files.readString(report.resolve("summary.txt")).contains("ensemble of"));
    assertTrue(Files.exists(report.resolve("final_models.csv")));

    Path csv = dir.resolve("csv");
    assertEquals(0, Main.run("export", "--store", store.toString(), "--out", csv.toString()));
    Path imported = dir.resolve("imported.db");
    assertEquals(
        0,
        Main.run(
            "import",
            "--from",
            csv.toString(),
            "--space",
            space.toString(),
            "--store",
            imported.toString()));
    try (var a = ExperimentStore.open(store);
        var b = ExperimentStore.open(imported)) {
      assertEquals(
          a.models().stream().map(StoredModel::architecture).toList(),
          b.models().stream().map(StoredModel::architecture).toList());
      assertEquals("IMPORTED", b.status());
    }
  }

  @Test
  void recordWritesATableWithItsProvenanceAndResumesOnlyTheSameRecording() throws Exception {
    Path csv = dir.resolve("tiny-table.csv");
    String[] record = {
      "record",
      "--space",
      "small",
      "--max-depth",
      "1",
      "--epochs",
      "2",
      "--subsample",
      "300",
      "--validation",
      "100",
      "--test",
      "100",
      "--seed",
      "1",
      "--out",
      csv.toString()
    };
    assertEquals(0, Main.run(record));
    var bench = io.github.metaqnn4j.tabular.TabularEvaluator.read(csv);
    assertEquals(bench.space().graph().architectureCount().intValue(), bench.table().size());
    assertTrue(bench.table().curves().stream().allMatch(c -> c.test().size() == 2));
    String json = Files.readString(dir.resolve("tiny-table.json"));
    assertTrue(json.contains("\"command\": \"scripts/metaqnn4j record --dataset fashion-mnist"));
    assertTrue(json.contains("\"helpers\": \"oneDNN\""), json);
    String[] other = record.clone();
    other[14] = "2"; // --seed 2
    assertEquals("--seed", other[13]);
    assertEquals(2, Main.run(other)); // refused: another recording's table
    assertEquals(bench.table().curves(), io.github.metaqnn4j.tabular.CurveTable.read(csv).curves());
  }

  @Test
  void aControllerSearchOnTheSeedsChoiceSpaceIsStoredResumedAndReported() throws Exception {
    Path store = dir.resolve("controller.db");
    String[] args = {
      "search",
      "--agent",
      "controller",
      "--choices",
      "2:kernel=1,3:filters=8,16",
      "--controllers",
      "2",
      "--controller-batch",
      "2",
      "--models",
      "5",
      "--epochs",
      "1",
      "--subsample",
      "600",
      "--validation",
      "200",
      "--store",
      store.toString()
    };
    assertEquals(0, Main.run(args));
    try (var s = ExperimentStore.open(store)) {
      assertEquals("controller", s.settings().get("agent"));
      assertEquals("2:kernel=1,3:filters=8,16", s.settings().get("choices"));
      assertEquals(5, s.models().stream().filter(m -> !m.reused()).count());
      assertTrue(
          s.models().stream().allMatch(m -> m.architecture().matches("\\[C\\(.*SM\\(10\\)\\]")));
      assertTrue(s.choiceProbabilities().size() >= 2); // the first iteration and an update
    }
    assertEquals(0, Main.run("resume", "--store", store.toString())); // nothing left to do
    Path report = dir.resolve("controller-report");
    assertTrue(Files.size(report.resolve("choice_probabilities_c2.png")) > 1000);
    assertTrue(Files.readString(report.resolve("summary.txt")).contains("2 policy-gradient"));
  }

  @Test
  void aSearchTrainedByPyTorchIsStoredWithItsEngineAndResumesWithIt() throws Exception {
    Path store = dir.resolve("pytorch.db");
    String[] args = {
      "search",
      "--engine",
      "pytorch",
      "--space",
      "small",
      "--schedule",
      "1.0x3",
      "--epochs",
      "1",
      "--subsample",
      "600",
      "--validation",
      "200",
      "--store",
      store.toString()
    };
    assertEquals(0, Main.run(args));
    try (var s = ExperimentStore.open(store)) {
      assertEquals("pytorch", ((java.util.Map<?, ?>) s.settings().get("cli")).get("engine"));
      assertEquals("pytorch", ((java.util.Map<?, ?>) s.settings().get("evaluator")).get("type"));
      assertEquals(3, s.models().size());
      assertTrue(
          s.models().stream().allMatch(m -> m.status().equals("COMPLETED")), s.models().toString());
    }
    // resumed from the store alone: the engine comes back with the other options
    assertEquals("pytorch", SearchCommand.stored(store).options().get("engine"));
    assertEquals(0, Main.run("resume", "--store", store.toString())); // nothing left to do
  }

  @Test
  void qanLearnsAControllerOfTheLearningRateStoredAndReported() throws Exception {
    Path store = dir.resolve("qan.db");
    String[] args = {
      "qan",
      "--architecture",
      "[C(4,3,1), P(2,2), SM(10)]",
      "--episodes",
      "2",
      "--epochs",
      "1",
      "--batch",
      "32",
      "--subsample",
      "420",
      "--validation",
      "100",
      "--store",
      store.toString()
    };
    assertEquals(0, Main.run(args));
    try (var s = ExperimentStore.open(store)) {
      assertEquals(2, s.episodes().size());
      assertEquals(2, s.episodes().get(1).steps().size()); // 10 batches of 32, 5 per step
      assertEquals("qan", s.settings().get("agent"));
    }
    Path report = dir.resolve("qan-report");
    assertTrue(Files.size(report.resolve("learning_rates.png")) > 1000);
    assertEquals(3, Files.readAllLines(report.resolve("episodes.csv")).size());
    args[4] = "3"; // more episodes: the run continues
    assertEquals(0, Main.run(args));
    try (var s = ExperimentStore.open(store)) {
      assertEquals(3, s.episodes().size());
    }
    Path other = dir.resolve("other");
    assertEquals(0, Main.run("report", "--store", store.toString(), "--out", other.toString()));
    assertTrue(Files.exists(other.resolve("episode_returns.png")));
  }

  @Test
  void badArgumentsAreReported() {
    assertNotEquals(
        0, Main.run("search", "--dataset", "imagenet", "--store", dir.resolve("x.db").toString()));
    assertNotEquals(
        0, Main.run("search", "--space", "huge", "--store", dir.resolve("x.db").toString()));
    assertNotEquals(0, Main.run("resume", "--store", dir.resolve("missing.db").toString()));
    assertNotEquals(0, Main.run("finish", "--store", dir.resolve("missing.db").toString()));
    assertNotEquals(
        0, Main.run("export", "--store", dir.resolve("missing.db").toString(), "--out", "x"));
  }

  @Test
  void spaceFilesSetTheBuilderAndNameWhatIsWrong() throws Exception {
    Path f = dir.resolve("space.properties");
    Files.writeString(
        f,
        "preset = mnist\nmaxDepth = 5\nconvFilters = 4, 8\npools = P(2,2)\n"
            + "globalAveragePooling = off\npadding = valid\n");
    StateSpace s = SpaceSpec.resolve(f.toString()).build();
    assertEquals(28, s.imageSize());
    assertEquals(5, s.settings().maxDepth());
    assertEquals(List.of(4, 8), s.settings().convFilters());
    assertEquals(List.of(new Pool(2, 2)), s.settings().pools());
    assertEquals(false, s.settings().globalAveragePooling());
    assertEquals(StateSpace.small().build(), SpaceSpec.resolve("small").build());

    Files.writeString(f, "maxDepht = 5\n");
    var e = assertThrows(IllegalArgumentException.class, () -> SpaceSpec.resolve(f.toString()));
    assertTrue(e.getMessage().contains("unknown settings [maxDepht]"), e.getMessage());
    Files.writeString(f, "pools = C(3,3,1)\n");
    e = assertThrows(IllegalArgumentException.class, () -> SpaceSpec.resolve(f.toString()));
    assertTrue(e.getMessage().endsWith("C(3,3,1) is not a pooling layer P(f,l)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SpaceSpec.resolve("nowhere.txt"));
    assertTrue(e.getMessage().startsWith("unknown space 'nowhere.txt'"), e.getMessage());
  }
}
