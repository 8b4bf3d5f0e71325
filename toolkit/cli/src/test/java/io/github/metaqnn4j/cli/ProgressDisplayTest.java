package io.github.metaqnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.space.Architecture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  @Test
  void eachStopIsPrintedWithItsPrediction() {
    Evaluation stopped =
        new Evaluation(
            List.of(0.41, 0.45),
            Evaluation.Status.STOPPED_EARLY,
            "predicted 0.512 +- 0.020, P(< 0.745) = 0.998",
            3.0,
            Map.of(Evaluation.PREDICTED_FINAL, 0.512, Evaluation.STOP_EPOCH, 2.0));
    var record =
        new ModelRecord(
            12, 9, Architecture.parse("[C(8,3,1), SM(10)]"), 0.5, stopped, 0.512, false);
    PrintStream err = System.err;
    var captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      new ProgressDisplay(20).modelFinished(record);
    } finally {
      System.setErr(err);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(
        out.contains(
            "iteration 12 stopped after epoch 2: predicted 0.512 +- 0.020, P(< 0.745) = 0.998"
                + " [C(8,3,1), SM(10)]"),
        out);
  }
}
