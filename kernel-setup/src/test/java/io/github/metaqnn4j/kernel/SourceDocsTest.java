package io.github.metaqnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDocsTest {
  private static final Path TOOLKIT_SOURCES =
      Path.of("..", "toolkit", "core", "src", "main", "java");

  @Test
  void findsMethodsNestedMembersAndTypesBySignature() {
    SourceDocs docs = SourceDocs.of(List.of(TOOLKIT_SOURCES));
    assertTrue(
        docs.lookup("StateSpace.Builder StateSpace.small()")
            .orElseThrow()
            .startsWith("A small space whose networks train in seconds"));
    assertEquals(
        Optional.of("The most layers before the softmax; at this depth termination is forced."),
        docs.lookup("StateSpace.Builder StateSpace.Builder.maxDepth(int layers)"));
    assertTrue(
        docs.lookup("io.github.metaqnn4j.space.StateSpace")
            .orElseThrow()
            .startsWith("The MetaQNN state space"));
    assertEquals(
        Optional.of(
            "A report of a stored experiment, with its Q values (or a controller search's choice\n"
                + "probabilities) and finished models if it has them."),
        docs.lookup("ExperimentReport ExperimentReport.of(ExperimentStore store)"));
    assertEquals(
        Optional.of(
            "A report of a search run in this process, with its Q values or choice probabilities."),
        docs.lookup("ExperimentReport ExperimentReport.of(SearchResult result)"));
    assertTrue(docs.lookup("int StateSpace.noSuchMethod()").isEmpty());
    assertTrue(docs.lookup("int NoSuchClass.size()").isEmpty());
  }

  @Test
  void readsSourceJarsAndTellsOverloadsApartByParameterCount(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("demo-1.0-sources.jar");
    try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("demo/Greeter.java"));
      out.write(
          String.join(
                  "\n",
                  "package demo;",
                  "/** Greets. */",
                  "public class Greeter {",
                  "  /** Builds one. */ public Greeter() {}",
                  "  /** Hello to the world. */ public String hello() { return \"\"; }",
                  "  /** Hello to {@code who}, see {@link #hello()}. */",
                  "  public String hello(java.util.Map<String, Integer> who) { return \"\"; }",
                  "  /** Arrays. */ public void many(double[] xs) {}",
                  "  /** Varargs. */ public void many(int... xs) {}",
                  "}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    SourceDocs docs = SourceDocs.of(List.of(dir));
    assertEquals(Optional.of("Hello to the world."), docs.lookup("String Greeter.hello()"));
    assertEquals(
        Optional.of("Hello to who, see hello()."),
        docs.lookup("String demo.Greeter.hello(java.util.Map<String, Integer> who)"));
    assertEquals(Optional.of("Builds one."), docs.lookup("demo.Greeter()"));
    assertEquals(Optional.of("Varargs."), docs.lookup("void Greeter.many(int... xs)"));
    assertEquals(Optional.of("Arrays."), docs.lookup("void Greeter.many(double[])"));
    assertEquals(Optional.of("Greets."), docs.lookup("demo.Greeter"));
  }

  @Test
  void plainTextUnwrapsTagsAndDropsHtml() {
    assertEquals(
        "Use\n\nvar x = Map.of(\"k\", List.of(1));\nif (a) { b(); }\n\nthen Search.run, <fast> & done",
        SourceDocs.plainText(
            " Use\n <pre>{@code\n var x = Map.of(\"k\", List.of(1));\n if (a) { b(); }\n }</pre>\n"
                + " then {@link Search#run}, &lt;fast&gt; &amp; done"));
  }

  @Test
  void inspectionShowsTheToolkitsJavadoc() {
    try (CellEvaluator e =
        new CellEvaluator(
            System.getProperty("java.class.path"), SourceDocs.of(List.of(TOOLKIT_SOURCES)))) {
      e.beginCell();
      e.run("import io.github.metaqnn4j.space.*;", 1, 1);
      String doc = e.documentation("StateSpace.small", 16).orElseThrow();
      assertTrue(doc.startsWith("StateSpace.Builder StateSpace.small()\nA small space"), doc);
    }
  }
}
