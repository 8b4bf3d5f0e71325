package io.github.metaqnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.FinalModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finishing tiny models on a few hundred real Fashion-MNIST images. */
class FinalTrainingTest {
  @TempDir static Path cache;
  static Splits data;

  @BeforeAll
  static void load() {
    data =
        Datasets.fashionMnist()
            .cache(cache)
            .subsample(700)
            .validation(200)
            .testSubsample(300)
            .seed(5)
            .load();
  }

  @Test
  void bestModelsAreRetrainedOnTrainAndValidationAndTested() {
    List<String> lines = new ArrayList<>();
    var a = Architecture.parse("[C(8,3,1), P(2,2), SM(10)]");
    var b = Architecture.parse("[C(8,5,1), SM(10)]");
    FinalModels finals =
        FinalTraining.on(data)
            .scheme(TrainingScheme.paper().epochs(2).batchSize(32))
            .seed(3)
            .progress(lines::add)
            .train(List.of(a, b));
    assertEquals(List.of(a.toString(), b.toString()), names(finals));
    for (FinalModels.Model m : finals.models()) {
      assertTrue(m.testAccuracy() > 0.4, m + " vs chance 0.1");
      assertEquals(2, m.trainingLoss().size());
      assertTrue(m.trainingLoss().get(1) < m.trainingLoss().get(0), m.toString());
    }
    assertTrue(finals.ensembleTestAccuracy() > 0.4, finals.toString());
    assertTrue(finals.settings().contains("trained on 700 training + validation images"));
    assertTrue(finals.settings().contains("tested on 300 test images"), finals.settings());
    assertEquals(6, lines.size(), "an epoch line per epoch and a result line per model");
  }

  @Test
  void theEnsembleOfOneModelIsThatModel() {
    FinalModels finals =
        FinalTraining.on(data)
            .scheme(TrainingScheme.paper().epochs(1).batchSize(32))
            .train(List.of(Architecture.parse("[C(8,3,1), SM(10)]")));
    assertEquals(finals.models().get(0).testAccuracy(), finals.ensembleTestAccuracy());
  }

  @Test
  void aModelThatKeepsDivergingIsNamed() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                FinalTraining.on(data)
                    .scheme(
                        TrainingScheme.paper()
                            .epochs(1)
                            .batchSize(64)
                            .learningRate(1e20)
                            .restarts(0.4, 1))
                    .train(List.of(Architecture.parse("[C(8,3,1), FC(64), SM(10)]"))));
    assertTrue(
        e.getMessage()
            .startsWith("[C(8,3,1), FC(64), SM(10)] diverged in final training after 1 restarts"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FinalTraining.on(data).train(List.of()));
  }

  private static List<String> names(FinalModels f) {
    return f.models().stream().map(FinalModels.Model::architecture).toList();
  }
}
