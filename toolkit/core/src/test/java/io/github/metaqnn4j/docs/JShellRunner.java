package io.github.metaqnn4j.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs code the way a reader would paste it into JShell, with the toolkit's classes on the class
 * path, and reports the first snippet that does not compile or throws.
 */
public final class JShellRunner implements AutoCloseable {
  private final JShell shell;

  public JShellRunner() {
    shell = JShell.builder().executionEngine("local").build();
    shell.addToClasspath(Path.of("target", "classes").toAbsolutePath().toString());
    // surefire runs tests from a manifest-only jar; its real class path is in this property
    String testPath = System.getProperty("surefire.test.class.path", "");
    for (String entry : testPath.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank() && entry.endsWith(".jar")) {
        shell.addToClasspath(entry);
      }
    }
  }

  /** Evaluates every snippet of {@code code}; returns the values printed, or throws. */
  public List<String> run(String label, String code) {
    List<String> values = new ArrayList<>();
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String remaining = code;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete()) {
        throw new AssertionError(label + ": incomplete snippet: " + remaining.strip());
      }
      for (SnippetEvent e : shell.eval(info.source())) {
        if (e.exception() != null) {
          throw new AssertionError(
              label + ": " + info.source().strip() + "\n threw " + e.exception(), e.exception());
        }
        if (e.status() == Snippet.Status.REJECTED) {
          StringBuilder why = new StringBuilder();
          shell.diagnostics(e.snippet()).map(Diag::toString).forEach(why::append);
          throw new AssertionError(
              label + ": does not compile: " + info.source().strip() + "\n" + why);
        }
        if (e.value() != null) {
          values.add(e.value());
        }
      }
      remaining = info.remaining();
    }
    return values;
  }

  @Override
  public void close() {
    shell.close();
  }
}
