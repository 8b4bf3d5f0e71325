package io.github.metaqnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad option is a one-line error naming it, found before anything is loaded. */
class BadInputTest {
  @TempDir Path dir;

  /** Runs the command line in this JVM; returns the exit code and what it printed to stderr. */
  private static String[] runHere(String... args) {
    PrintStream err = System.err;
    var captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      return new String[] {Integer.toString(code), captured.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(err);
    }
  }

  private void refused(String expected, String... args) {
    String[] r = runHere(args);
    assertEquals("2", r[0], String.join(" ", args) + ": " + r[1]);
    assertTrue(r[1].contains(expected), String.join(" ", args) + ": " + r[1]);
    assertEquals(1, r[1].strip().lines().count(), "one line: " + r[1]);
  }

  @Test
  void everySubcommandAnswersHelpWithItsUsage() {
    for (String command :
        List.of("search", "resume", "report", "finish", "export", "import", "record", "qan")) {
      for (String flag : List.of("--help", "-h")) {
        PrintStream out = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
          code = Main.run(command, flag);
        } finally {
          System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, command + " " + flag + ": " + text);
        assertTrue(text.startsWith("Usage: metaqnn4j " + command), command + ": " + text);
      }
    }
  }

  @Test
  void aStoreAnotherSearchHoldsIsRefusedBeforeAnythingLoads() {
    Path f = dir.resolve("held.db");
    io.github.metaqnn4j.store.ExperimentStore.open(f).close();
    try (var hold =
        io.github.metaqnn4j.store.Lease.take(
            f, io.github.metaqnn4j.store.Lease.SEARCH, java.time.Duration.ofSeconds(30))) {
      String[] r = runHere("search", "--store", f.toString(), "--models", "1");
      assertEquals("2", r[0], r[1]);
      assertTrue(r[1].contains("is in use by another search: process "), r[1]);
      assertFalse(r[1].contains("Loading"), r[1]);
    }
  }

  @Test
  void everySpaceFileCheckComesBeforeAnythingLoads() throws IOException {
    Path negative = dir.resolve("negative.properties");
    Files.writeString(negative, "preset = small\nconvFilters = -16\n");
    Path depths = dir.resolve("depths.properties");
    Files.writeString(depths, "preset = small\nminDepth = 5\nmaxDepth = 3\n");
    for (Path f : List.of(negative, depths)) {
      for (String command : List.of("search", "record")) {
        String[] r =
            command.equals("record")
                ? runHere(
                    command, "--space", f.toString(), "--out", dir.resolve("t.csv").toString())
                : runHere(
                    command, "--space", f.toString(), "--store", dir.resolve("s.db").toString());
        assertEquals("2", r[0], command + " " + f + ": " + r[1]);
        assertTrue(r[1].contains("--space " + f), r[1]);
        assertFalse(r[1].contains("Loading"), r[1]);
        assertFalse(r[1].contains("Backend"), r[1]);
      }
    }
  }

  @Test
  void storesThatCannotBeUsedAreNamedWithTheCause() throws IOException {
    refused("is a folder: give a store's file", "report", "--store", dir.toString());
    Path zero = dir.resolve("zero.db");
    Files.createFile(zero);
    refused("is empty (0 bytes): no search is stored there", "resume", "--store", zero.toString());
    assertEquals(0, Files.size(zero), "nothing written into it");
    Path empty = dir.resolve("empty.db");
    try (var s = io.github.metaqnn4j.store.ExperimentStore.open(empty)) {
      s.useSettings(java.util.Map.of("seed", 1));
    }
    refused("holds no models yet: nothing to report", "report", "--store", empty.toString());
  }

  @Test
  void depthsBeyondTheLimitAreRefusedWithTheReason() {
    refused(
        "--max-depth must be at most 64 (the paper searches up to 12 layers",
        "search",
        "--max-depth",
        "100000000");
    refused(
        "--max-depth must be at most 64",
        "record",
        "--max-depth",
        "65",
        "--out",
        dir.resolve("t.csv").toString());
  }

  @Test
  void everyNumericOptionIsChecked() {
    String store = dir.resolve("x.db").toString();
    refused("--models must be at least 1, got -5", "search", "--models", "-5", "--store", store);
    refused("--models must be at least 1, got 0", "search", "--models", "0", "--store", store);
    refused("--epochs must be at least 1, got 0", "search", "--epochs", "0", "--store", store);
    refused("--batch must be at least 1, got -1", "search", "--batch", "-1", "--store", store);
    refused(
        "--restart-check must be at least 1, got 0",
        "search",
        "--restart-check",
        "0",
        "--store",
        store);
    refused("--validation must be at least 1", "search", "--validation", "0", "--store", store);
    refused("--subsample must be at least 2, got 1", "search", "--subsample", "1");
    refused("--devices must be at least 1, got 0", "search", "--devices", "0");
    refused("--max-depth must be at least 1, got 0", "search", "--max-depth", "0");
    refused("--max-failures must be at least 1, got 0", "search", "--max-failures", "0");
    refused("unknown --agent 'sarsa': use q-learning or controller", "search", "--agent", "sarsa");
    refused(
        "--engine: no training engine \"tensorflow\": there are [dl4j, pytorch]",
        "search",
        "--engine",
        "tensorflow");
    refused("--meta-momentum must be in [0, 1), got 1.0", "qan", "--meta-momentum", "1");
    refused("--episodes must be at least 1, got 0", "qan", "--episodes", "0");
    refused("--architecture: ", "qan", "--architecture", "[C(4,3,1), X(2)]");
    refused("--choices needs --agent controller", "search", "--choices", "2:kernel=1,3");
    refused(
        "--choices: the options of kernel must be whole numbers, got 'x'",
        "search",
        "--agent",
        "controller",
        "--choices",
        "2:kernel=x");
    refused(
        "--choices: a choice space has at most 64 layers",
        "search",
        "--agent",
        "controller",
        "--choices",
        "100000000:kernel=1");
    refused(
        "--choices: unknown choice 'size'",
        "search",
        "--agent",
        "controller",
        "--choices",
        "2:size=3");
    refused(
        "--controllers must be at least 1, got 0",
        "search",
        "--agent",
        "controller",
        "--controllers",
        "0");
    refused(
        "--entropy must not be negative, got -0.1",
        "search",
        "--agent",
        "controller",
        "--entropy",
        "-0.1");
    refused(
        "--validation 500 must be smaller than --subsample 400",
        "search",
        "--subsample",
        "400",
        "--validation",
        "500");
    refused("--top must be at least 1, got 0", "report", "--store", store, "--top", "0");
    refused("--top must be at least 1, got -2", "finish", "--store", store, "--top", "-2");
    refused("--epochs must be at least 1, got 0", "finish", "--store", store, "--epochs", "0");
    refused(
        "--classes must be at least 2, got 1",
        "import",
        "--from",
        dir.toString(),
        "--store",
        store,
        "--classes",
        "1");
    refused("Invalid value for option '--epochs'", "search", "--epochs", "many");
    refused(
        "unknown --durability 'always': use normal or full", "search", "--durability", "always");
    refused("--delta must be in (0, 1), got 1.5", "search", "--early-stopping", "--delta", "1.5");
    refused("--burn-in must be at least 5, got 2", "search", "--early-stopping", "--burn-in", "2");
    refused(
        "unknown --early-stopping 'sometimes': use predicted, median or halving",
        "search",
        "--early-stopping",
        "sometimes");
    assertFalse(Files.exists(dir.resolve("x.db")), "nothing was created");
  }

  /** Runs the command line in a new JVM, as a user does; returns exit code, stdout + stderr. */
  private static List<String> runJvm(Path dir, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    return List.of(Integer.toString(p.exitValue()), out);
  }

  @Test
  void aWrongDatasetOrSpaceIsTheOnlyLinePrinted() throws Exception {
    // --verbose: had ND4J loaded before the check, its INFO lines would show here
    var r = runJvm(dir, "search", "--dataset", "imagenet", "--verbose");
    assertEquals("2", r.get(0), r.get(1));
    assertEquals(
        "error: unknown dataset 'imagenet': use mnist, fashion-mnist, cifar10, cifar100 or svhn",
        r.get(1).strip());
    r = runJvm(dir, "search", "--space", "huge", "--verbose");
    assertEquals("2", r.get(0), r.get(1));
    assertEquals(1, r.get(1).strip().lines().count(), r.get(1));
    assertTrue(r.get(1).startsWith("error: --space huge: unknown space 'huge'"), r.get(1));
  }

  @Test
  void aRealRunPrintsOneBackendLineAndNoLibraryLogUnlessVerbose() throws Exception {
    String[] search = {
      "search",
      "--space",
      "small",
      "--max-depth",
      "2",
      "--schedule",
      "1.0x1",
      "--epochs",
      "1",
      "--subsample",
      "300",
      "--validation",
      "100",
      "--store",
      "quiet.db"
    };
    var r = runJvm(dir, search);
    assertEquals("0", r.get(0), r.get(1));
    List<String> lines = r.get(1).lines().toList();
    assertEquals(
        1, lines.stream().filter(l -> l.startsWith("Backend: ND4J CPU backend")).count(), r.get(1));
    assertTrue(
        lines.stream().noneMatch(l -> l.contains(" INFO ") || l.contains(" WARN ")), r.get(1));

    String[] verbose = search.clone();
    verbose[verbose.length - 1] = "verbose.db";
    r = runJvm(dir, append(verbose, "--verbose"));
    assertEquals("0", r.get(0), r.get(1));
    assertTrue(r.get(1).contains(" INFO org.nd4j"), r.get(1));
  }

  private static String[] append(String[] a, String more) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = more;
    return out;
  }
}
