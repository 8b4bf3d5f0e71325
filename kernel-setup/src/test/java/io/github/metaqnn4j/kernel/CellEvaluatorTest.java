package io.github.metaqnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.kernel.CellException.CompilationFailed;
import io.github.metaqnn4j.kernel.CellException.ExceptionInCell;
import io.github.metaqnn4j.kernel.CellException.Interrupted;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JShell as the kernel runs it, without the protocol (that is tested from Python). */
class CellEvaluatorTest {
  private static CellEvaluator evaluator;

  @BeforeAll
  static void start() {
    evaluator = new CellEvaluator(System.getProperty("java.class.path"));
  }

  @AfterAll
  static void stop() {
    evaluator.close();
  }

  private static Optional<Object> run(String java, int cell) {
    evaluator.beginCell();
    return evaluator.run(java, cell, 1);
  }

  @Test
  void theLastExpressionIsTheValue() {
    assertEquals(Optional.of(7), run("int three = 3;\nthree + 4", 1));
    assertEquals(Optional.empty(), run("int four = 4;", 2));
    assertEquals(Optional.of("ab"), run("\"a\" + \"b\"", 3));
  }

  @Test
  void valuesAreRealObjectsOfTheKernelJvm() {
    Object space = run("io.github.metaqnn4j.space.StateSpace.small().build()", 4).orElseThrow();
    assertEquals("io.github.metaqnn4j.space.StateSpace", space.getClass().getName());
  }

  @Test
  void compileErrorsNameTheCellLineAndPointAtIt() {
    CompilationFailed e =
        assertThrows(
            CompilationFailed.class, () -> run("int ok = 1;\n\nboolean b = ok + \"x\";", 5));
    assertTrue(e.getMessage().startsWith("cell line 3:"), e.getMessage());
    assertTrue(e.lines().contains("    boolean b = ok + \"x\";"), e.lines().toString());
    assertTrue(e.lines().stream().anyMatch(l -> l.trim().startsWith("^")));
  }

  @Test
  void exceptionsNameCellsAndLines() {
    run("void boom() {\n  throw new IllegalStateException(\"no\");\n}", 6);
    ExceptionInCell here = assertThrows(ExceptionInCell.class, () -> run("boom();", 6));
    assertEquals("java.lang.IllegalStateException: no", here.getMessage());
    assertTrue(here.lines().contains("    at boom (line 2)"), here.lines().toString());
    ExceptionInCell later = assertThrows(ExceptionInCell.class, () -> run("boom();", 7));
    assertTrue(later.lines().contains("    at boom (cell [6] line 2)"), later.lines().toString());
  }

  /** Every statement after the first in a cell names its own line, as plain jshell does. */
  @Test
  void runtimeTracesNameTheLineOfEachStatement() {
    var e =
        assertThrows(
            ExceptionInCell.class,
            () -> run("int u = 1;\nthrow new RuntimeException(\"line 2\");", 8));
    assertTrue(e.lines().contains("    at line 2"), e.lines().toString());
    var nested =
        assertThrows(
            ExceptionInCell.class,
            () ->
                run(
                    "int a = 1;\n\nvoid g() {\n  int x = 0;\n  throw new IllegalStateException();\n}\n"
                        + "void f() { g(); }\nf();",
                    9));
    assertTrue(nested.lines().contains("    at g (line 5)"), nested.lines().toString());
    assertTrue(nested.lines().contains("    at f (line 7)"), nested.lines().toString());
    assertTrue(nested.lines().contains("    at line 8"), nested.lines().toString());
  }

  @Test
  void deepRecursionIsCollapsedAndSurvived() {
    ExceptionInCell e =
        assertThrows(
            ExceptionInCell.class,
            () -> run("int deeper(int n) { return deeper(n + 1) + 1; }\ndeeper(0)", 8));
    assertTrue(e.getMessage().startsWith("java.lang.StackOverflowError"));
    assertTrue(e.lines().size() <= 44, "trimmed: " + e.lines().size());
    assertTrue(e.lines().stream().anyMatch(l -> l.matches(".*\\(\\d+ times\\)")));
    assertEquals(Optional.of(2), run("1 + 1", 9));
  }

  @Test
  void redefinitionKeepsOtherState() {
    run("int kept = 10;\nint plus(int x) { return x + 1; }", 10);
    run("int plus(int x) { return x + 5; }", 11);
    assertEquals(Optional.of(15), run("plus(kept)", 12));
    run("class Box { int v() { return 1; } }\nvar box = new Box();", 13);
    run("class Box { int v() { return 2; } }", 14);
    assertEquals(Optional.of(2), run("new Box().v()", 15));
    assertEquals(Optional.of(10), run("kept", 16));
  }

  /** The note after a class changes says what JShell really did to each variable of that type. */
  @Test
  void redefinitionNotesSayWhatHappenedToVariables() {
    run("class Trial { int x = 1; }\nvar t1 = new Trial();\nTrial t2 = new Trial();", 40);
    var err = new java.io.ByteArrayOutputStream();
    var before = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      run("class Trial { int x = 1; int y() { return 2; } }", 41);
    } finally {
      System.setErr(before);
    }
    String notes = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(notes.contains("variable t1 no longer exists because class Trial changed"), notes);
    assertTrue(
        notes.contains("variable t2 was re-created because class Trial changed; its value is now"),
        notes);
    assertThrows(CompilationFailed.class, () -> run("t1", 42), "t1 is gone, as the note says");
    assertEquals(Optional.empty(), run("t2", 43), "t2 exists, null, as the note says");
  }

  /**
   * A value kept in a variable is not turned into a string (JShell would format every element of a
   * 200 MB array, then throw the string away): the kernel renders values itself, when shown.
   */
  @Test
  void valuesAreNotFormattedWhenKept() {
    run(
        "class Counted { static int calls; public String toString() { calls++; return \"c\"; } }",
        46);
    run("var kept = new Counted();\nCounted[] many = { new Counted(), new Counted() };", 47);
    assertEquals(Optional.of(0), run("Counted.calls", 48));
  }

  /** As in IPython, a trailing semicolon keeps the value out of the result: display(x); */
  @Test
  void aTrailingSemicolonHidesTheValue() {
    assertEquals(Optional.empty(), run("String.valueOf(12);", 44));
    assertEquals(Optional.of("12"), run("String.valueOf(12)", 45));
  }

  @Test
  void mutuallyDependentClassesInOneCell() {
    run("class Ping { Pong p; }\nclass Pong { Ping p; }\nvar ping = new Ping();", 17);
    assertEquals(Optional.of(true), run("ping.p == null", 18));
  }

  @Test
  void stopEndsARunningLoop() throws Exception {
    evaluator.beginCell();
    CompletableFuture<Throwable> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                evaluator.run("while (true) { Thread.onSpinWait(); }", 19, 1);
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    Thread.sleep(500);
    evaluator.stop();
    assertTrue(running.get(30, TimeUnit.SECONDS) instanceof Interrupted);
    assertEquals(Optional.of(3), run("1 + 2", 20));
  }

  @Test
  void aStopWhileTheCellStillCompilesIsNotLost() throws Exception {
    for (int round = 0; round < 5; round++) {
      evaluator.beginCell();
      int cell = 30 + round;
      CompletableFuture<Throwable> running =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  // a class to compile first, so that the stop arrives before the loop runs
                  evaluator.run(
                      "class Spin"
                          + cell
                          + " { static void go() { while (true) { } } }\n"
                          + "Spin"
                          + cell
                          + ".go();",
                      cell,
                      1);
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
      Thread.sleep(round * 20L);
      evaluator.stop();
      assertTrue(running.get(30, TimeUnit.SECONDS) instanceof Interrupted, "round " + round);
    }
    assertEquals(Optional.of(5), run("2 + 3", 40));
  }

  @Test
  void completenessCompletionAndDocumentation() {
    assertEquals("complete", evaluator.completeness("int a = 1;"));
    assertEquals("incomplete", evaluator.completeness("class A {"));
    assertEquals("invalid", evaluator.completeness("int x = ;)"));
    String code = "int z = 1;\nSystem.out.prin";
    CellEvaluator.Completions c = evaluator.complete(code, code.length());
    assertTrue(c.matches().containsAll(java.util.List.of("print(", "println(")), c.toString());
    assertEquals(code.length() - "prin".length(), c.start());
    assertTrue(evaluator.documentation("Math.max", 8).orElseThrow().contains("max(int"));
  }
}
