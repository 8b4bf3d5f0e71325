package io.github.metaqnn4j.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.docs.JShellRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples in the javadoc of the engine's public classes run in JShell, as a reader pastes
 * them.
 */
class JavadocExamplesTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL);

  private static final String IMPORTS =
      "import io.github.metaqnn4j.data.*; import io.github.metaqnn4j.space.*;"
          + " import io.github.metaqnn4j.search.*; import io.github.metaqnn4j.train.*;"
          + " import io.github.metaqnn4j.pytorch.*;";

  private static String example(String source) throws IOException {
    String text = Files.readString(Path.of(source));
    Matcher m = EXAMPLE.matcher(text);
    assertTrue(m.find(), "no example in " + source);
    return m.group(1).replaceAll("(?m)^ \\* ?", "");
  }

  @Test
  void theEvaluatorAndEngineExamplesRun() throws IOException {
    String main = "src/main/java/io/github/metaqnn4j/";
    try (JShellRunner shell = new JShellRunner()) {
      shell.run("imports", IMPORTS);
      List<String> curve =
          shell.run("PyTorchEvaluator", example(main + "pytorch/PyTorchEvaluator.java"));
      assertTrue(curve.get(curve.size() - 1).matches("\\[0\\.\\d+, 0\\.\\d+\\]"), curve.toString());
      shell.run("PyTorchEngine", example(main + "pytorch/PyTorchEngine.java"));
      List<String> names =
          shell.run("TrainingEngine", example("../dl4j/" + main + "train/TrainingEngine.java"));
      assertEquals("[dl4j, pytorch]", names.get(names.size() - 1));
    }
  }
}
