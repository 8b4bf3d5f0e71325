package io.github.metaqnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.StoppingRule;
import io.github.metaqnn4j.space.Architecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart rule on scripted networks: when it looks, what it reports, how often it restarts. */
class SchemedTrainingTest {
  @TempDir static Path cache;
  static Splits data; // 600 training images: 10 updates an epoch in batches of 64

  @BeforeAll
  static void load() {
    data = Datasets.fashionMnist().cache(cache).subsample(900).validation(300).seed(3).load();
  }

  /** A network whose validation accuracy after each epoch is scripted (chance until it learns). */
  private static SchemedTraining.NetworkBuilder learnsAfter(int epochs, List<Double> rates) {
    return (seed, lr) -> {
      rates.add(lr);
      return new SchemedTraining.Network() {
        int done;

        @Override
        public double epoch(int[] order, double learningRate) {
          done++;
          return 1.0;
        }

        @Override
        public double validationAccuracy() {
          return done >= epochs ? 0.6 : 0.1;
        }

        @Override
        public double testAccuracy() {
          return Double.NaN;
        }

        @Override
        public void close() {}
      };
    };
  }

  private static Evaluation train(TrainingScheme scheme, int learnsAfter, List<Epoch> reported) {
    List<Double> rates = new ArrayList<>();
    var context =
        new EvaluationContext(
            Architecture.parse("[C(8,3,1), GAP(10), SM(10)]"),
            0,
            1,
            0,
            StoppingRule.NEVER,
            reported::add);
    return SchemedTraining.evaluate(
        context.architecture(), context, scheme, data, learnsAfter(learnsAfter, rates));
  }

  @Test
  void theCheckComesAfterTheUpdatesOfThePapersFirstEpochWhateverTheDataSize() {
    TrainingScheme paper = TrainingScheme.paper();
    assertEquals(1, paper.restartCheckEpoch(45_000 / 128 + 1)); // CIFAR-10: the paper's epoch 1
    assertEquals(0, paper.restartCheckEpoch(16)); // 2,000 images: 22 epochs > 20, no check
    assertEquals(22, paper.epochs(30).restartCheckEpoch(16));
    assertEquals(3, paper.restartCheckUpdates(30).restartCheckEpoch(10));
    assertEquals(4, paper.restartCheckUpdates(31).restartCheckEpoch(10));
  }

  @Test
  void aNetworkThatLearnsBeforeTheCheckIsNotRestarted() {
    List<Epoch> reported = new ArrayList<>();
    // 30 updates: the check is at the end of epoch 3, the network leaves chance in epoch 3
    Evaluation e =
        train(TrainingScheme.paper().epochs(5).batchSize(64).restartCheckUpdates(30), 3, reported);
    assertEquals(0.0, e.metrics().get("restarts"));
    assertEquals(List.of(0.1, 0.1, 0.6, 0.6, 0.6), e.curve());
    assertEquals(List.of(1, 2, 3, 4, 5), reported.stream().map(Epoch::index).toList());
  }

  @Test
  void judgedAfterOneEpochTheSameNetworkWouldHaveRestartedEveryTime() {
    List<Epoch> reported = new ArrayList<>();
    Evaluation e =
        train(TrainingScheme.paper().epochs(5).batchSize(64).restartCheckUpdates(10), 3, reported);
    assertEquals(5.0, e.metrics().get("restarts"));
    assertEquals(1e-3 * Math.pow(0.4, 5), e.metrics().get("learningRate"), 1e-15);
    assertEquals(5, reported.size()); // only the last attempt's epochs are reported
  }

  @Test
  void aNetworkThatNeverLearnsStillRestarts() {
    List<Epoch> reported = new ArrayList<>();
    Evaluation e =
        train(
            TrainingScheme.paper().epochs(4).batchSize(64).restartCheckUpdates(20).restarts(0.4, 2),
            99,
            reported);
    assertEquals(2.0, e.metrics().get("restarts"));
    assertEquals(List.of(0.1, 0.1, 0.1, 0.1), e.curve());
    assertEquals(4, reported.size());
  }

  @Test
  void noCheckWhenTheTrainingIsShorterThanTheUpdates() {
    List<Epoch> reported = new ArrayList<>();
    Evaluation e = train(TrainingScheme.paper().epochs(4).batchSize(64), 99, reported);
    assertEquals(0.0, e.metrics().get("restarts"));
    assertEquals(4, e.curve().size());
  }
}
