package io.github.metaqnn4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a course on the tabular benchmark or a JShell session with {@code metaqnn4j-core} alone
 * gets: a search and its figures, with no Deeplearning4j, ND4J, JJava or logging binding on the
 * class path (this module's test class path is core's run-time path plus JUnit).
 */
class CoreAloneTest {
  @TempDir Path dir;

  @Test
  void theClassPathHasNoTrainingKernelOrLoggingBinding() {
    String path = System.getProperty("surefire.test.class.path", "");
    List<String> jars =
        Arrays.stream(path.split(File.pathSeparator)).filter(e -> e.endsWith(".jar")).toList();
    assertTrue(jars.size() > 10, path);
    for (String jar : jars) {
      String name = Path.of(jar).getFileName().toString();
      assertTrue(
          !name.matches("(deeplearning4j|nd4j|jjava|slf4j-simple|logback|jeromq|javacpp).*"),
          "core must not bring " + name);
    }
  }

  @Test
  void aSyntheticSearchAndAFigureInJShell() throws Exception {
    Path png = dir.resolve("accuracy.png");
    try (JShellRunner shell = new JShellRunner()) {
      shell.run(
          "imports",
          """
          import io.github.metaqnn4j.space.*;
          import io.github.metaqnn4j.agent.*;
          import io.github.metaqnn4j.search.*;
          import io.github.metaqnn4j.analysis.*;
          """);
      shell.run(
          "search",
          """
          var result = Search.qLearning(StateSpace.small().build())
              .evaluator(SyntheticEvaluator.of(a -> 0.4 + 0.08 * a.count("C")))
              .schedule(EpsilonSchedule.paper().scaledTo(150))
              .seed(7)
              .run();
          var chart = ExperimentReport.of(result).accuracyChart();
          var learned = QAnalysis.of(result).byLayerType();
          org.knowm.xchart.BitmapEncoder.saveBitmap(
              chart, "%s", org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG);
          """
              .formatted(png.toString().replace(".png", "")));
      assertEquals(List.of("150"), shell.run("check", "result.models().size()"));
      // every sampled model (re-samples too, as in the paper) is a point of the accuracy chart:
      // once in the series of its epsilon, once in the best-so-far line; and the axis anchor
      assertEquals(
          List.of("true"),
          shell.run(
              "check",
              "chart.getSeriesMap().values().stream().mapToInt(s -> s.getXData().length).sum()"
                  + " == 1 + 2 * result.history().size()"));
      assertEquals(List.of("true"), shell.run("check", "learned.getSeriesMap().size() >= 3"));
      assertEquals(
          List.of("true"),
          shell.run(
              "check",
              "ClassLoader.getSystemResource(\"org/nd4j/linalg/factory/Nd4j.class\") == null"));
    }
    assertTrue(Files.size(png) > 5_000, "a PNG of " + Files.size(png) + " bytes");
  }
}
