package io.github.metaqnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.space.Architecture;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network trained a few mini-batches at a time, as QAN drives it. */
class TrainingRunTest {
  @TempDir static Path cache;
  static Splits data;
  static final Architecture TINY = Architecture.parse("[C(4,3,1), P(2,2), SM(10)]");
  static final TrainingScheme SCHEME = TrainingScheme.paper().dropout(false).batchSize(32);

  @BeforeAll
  static void load() {
    data =
        Datasets.fashionMnist()
            .cache(cache)
            .subsample(420)
            .validation(100)
            .testSubsample(10)
            .seed(3)
            .load();
  }

  @Test
  void aFocusedMiniBatchDrawsHalfItsImagesFromTheClass() {
    TrainingRun run = TrainingRun.start(TINY, data, SCHEME, 1);
    for (int i = 0; i < 4; i++) {
      run.train(1, 1e-3, 7);
      int[] labels = run.lastBatchLabels();
      assertEquals(32, labels.length);
      // the second half: class 7 only; the first half: the shuffled epoch (mixed classes)
      assertTrue(Arrays.stream(labels, 16, 32).allMatch(l -> l == 7), Arrays.toString(labels));
    }
    run.train(1, 1e-3);
    assertTrue(Arrays.stream(run.lastBatchLabels()).distinct().count() > 3);
    assertEquals(5 * 32 / 320.0, run.epochs(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> run.train(1, 1e-3, 10));
  }

  @Test
  void trainingLowersTheValidationLoss() {
    TrainingRun run = TrainingRun.start(TINY, data, SCHEME, 2);
    double before = run.validate().loss();
    run.train(20, 3e-3);
    TrainingRun.Validation after = run.validate();
    assertTrue(after.loss() < before - 0.2, before + " -> " + after.loss());
    assertTrue(after.accuracy() > 0.3, "accuracy " + after.accuracy());
    assertEquals(2, run.layerWeightNorms().length); // the convolution and the softmax layer
    run.close(); // its native memory is freed now: the network cannot be used any more
    assertThrows(RuntimeException.class, () -> run.train(1, 1e-3));
  }
}
