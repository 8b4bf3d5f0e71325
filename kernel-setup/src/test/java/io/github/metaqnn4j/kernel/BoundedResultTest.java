package io.github.metaqnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class BoundedResultTest {
  @Test
  void hugeResultsAreCutWithANoteOnHowToSeeThem() {
    DisplayData d = new DisplayData("y".repeat(3_000_000));
    String text = (String) JShellKernel.bounded(d).getData(MIMEType.TEXT_PLAIN);
    assertTrue(text.length() < JShellKernel.MAX_RESULT_CHARS + 300, "" + text.length());
    assertTrue(text.contains("2,900,000 more characters not shown (3,000,000 in all)"));
    assertTrue(text.contains("Files.writeString"));
    DisplayData small = new DisplayData("fine");
    assertEquals("fine", JShellKernel.bounded(small).getData(MIMEType.TEXT_PLAIN));
  }
}
