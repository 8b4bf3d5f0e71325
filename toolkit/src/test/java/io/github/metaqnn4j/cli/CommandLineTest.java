package io.github.metaqnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.store.ExperimentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real (tiny) search on Fashion-MNIST through the command line, then resume and report. */
class CommandLineTest {
  @TempDir Path dir;

  @Test
  void searchResumeAndReport() throws Exception {
    Path store = dir.resolve("tiny.db");
    int code =
        Main.run(
            "search",
            "--dataset",
            "fashion-mnist",
            "--space",
            "small",
            "--max-depth",
            "2",
            "--models",
            "3",
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
      assertTrue(s.config().get("cli").contains("--models 3"));
    }
    Path report = dir.resolve("tiny-report");
    assertTrue(Files.size(report.resolve("accuracy.png")) > 1000);
    assertTrue(Files.readString(report.resolve("summary.txt")).startsWith("3 models"));
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
  }

  @Test
  void badArgumentsAreReported() {
    assertNotEquals(
        0, Main.run("search", "--dataset", "imagenet", "--store", dir.resolve("x.db").toString()));
    assertNotEquals(0, Main.run("resume", "--store", dir.resolve("missing.db").toString()));
  }
}
