package io.github.metaqnn4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every ```java block of the README runs in one JShell session, in order. */
class ReadmeSnippetsTest {
  private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeBlocksRunInJShell() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertTrue(blocks.size() >= 3, "README java blocks: " + blocks.size());
    try (JShellRunner shell = new JShellRunner()) {
      for (int i = 0; i < blocks.size(); i++) {
        shell.run("README block " + (i + 1), blocks.get(i));
      }
      assertEquals(List.of("true"), shell.run("check", "space.accepts(arch)"));
      assertEquals(List.of("200"), shell.run("check", "result.models().size()"));
      assertEquals(List.of("2"), shell.run("check", "finals.models().size()"));
      assertEquals(
          List.of("true"),
          shell.run("check", "java.nio.file.Files.exists(csv.resolve(\"replay_database.csv\"))"));
    }
  }
}
