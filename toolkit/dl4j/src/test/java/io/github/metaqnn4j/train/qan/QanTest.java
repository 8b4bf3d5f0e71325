package io.github.metaqnn4j.train.qan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import io.github.metaqnn4j.store.StoredEpisode;
import io.github.metaqnn4j.train.TrainingRun;
import io.github.metaqnn4j.train.TrainingScheme;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The QAN environment and loop on a few hundred real Fashion-MNIST images (Debian's files). */
class QanTest {
  @TempDir static Path cache;
  @TempDir Path dir;
  static Splits data;
  static final Architecture TINY = Architecture.parse("[C(4,3,1), P(2,2), SM(10)]");
  static final TrainingScheme SCHEME = TrainingScheme.paper().dropout(false).batchSize(32);

  /** 320 training images: 10 batches of 32 per epoch, 2 steps of 5 per epoch. */
  static final QanSettings SETTINGS =
      QanSettings.defaults().stepBatches(5).epochs(2).epsilon(1.0, 0.1, 2);

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
  void theEnvironmentsFeaturesAndRewardsOnAShortRun() {
    var env = new TrainingEnvironment(TINY, data, SCHEME, SETTINGS);
    double[] s = env.reset(1, null);
    assertEquals(TrainingEnvironment.FEATURES, s.length);
    assertEquals(TrainingEnvironment.FEATURE_NAMES.size(), s.length);
    assertEquals(4, env.steps());
    assertEquals(Math.log10(1e-3), s[5], 1e-12); // the initial learning rate
    assertEquals(0, s[6]); // progress
    double validationLoss = s[2];
    int[] actions = {2, 2, 0, 1}; // x2, x2, x0.5, x1
    double[] rates = {2e-3, 4e-3, 2e-3, 2e-3};
    for (int t = 0; t < 4; t++) {
      TrainingEnvironment.Step step = env.step(actions[t]);
      assertEquals(rates[t], step.learningRate(), 1e-15);
      assertEquals(Math.log10(rates[t]), step.observation()[5], 1e-12);
      assertEquals((t + 1) / 4.0, step.observation()[6], 1e-12);
      assertEquals(step.validationLoss(), step.observation()[2], 1e-12);
      assertEquals(step.validationAccuracy(), step.observation()[4], 1e-12);
      assertEquals(0.5 * (t + 1), step.epochs(), 1e-12); // 5 of 10 batches per step
      double expected = validationLoss - step.validationLoss();
      if (t == 3) {
        assertTrue(step.done());
        expected += SETTINGS.terminalWeight() * step.validationAccuracy();
      }
      assertEquals(expected, step.reward(), 1e-9, "step " + t);
      validationLoss = step.validationLoss();
    }
    assertThrows(IllegalStateException.class, () -> env.step(1));
  }

  @Test
  void miniBatchActionsNameAClassOrNoneAndKeepTheRate() {
    var env = new TrainingEnvironment(TINY, data, SCHEME, SETTINGS.miniBatchActions());
    assertEquals(11, env.actionCount()); // 10 classes and none
    env.reset(1, null);
    assertEquals(1e-3, env.step(3).learningRate(), 1e-15);
    assertEquals(1e-3, env.step(10).learningRate(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> env.step(11));
    var run =
        Qan.on(data)
            .architecture(TINY)
            .scheme(SCHEME)
            .settings(SETTINGS.miniBatchActions())
            .episodes(1)
            .seed(1)
            .run();
    assertTrue(run.episodes().get(0).steps().stream().anyMatch(s -> s.action() > 2));
  }

  @Test
  void theSettingsSayWhatTheyAre() {
    assertTrue(SETTINGS.toString().startsWith("LEARNING_RATE actions, 5 batches per step"));
    assertTrue(
        SETTINGS
            .metaMomentum(0.1)
            .sameStartEachEpisode()
            .toString()
            .contains("meta-momentum 0.1, the same start every episode; DQN 32 units"));
  }

  @Test
  void episodesStartFromFreshWeightsOrAllFromTheSame() {
    assertEquals(
        List.of(5L, 6L, 7L),
        List.of(qan(5).startSeed(0), qan(5).startSeed(1), qan(5).startSeed(2)));
    Qan same = qan(5).settings(SETTINGS.sameStartEachEpisode());
    assertEquals(List.of(5L, 5L), List.of(same.startSeed(0), same.startSeed(2)));
  }

  @Test
  void theLearningRateStaysWithinItsBounds() {
    QanSettings s = SETTINGS.initialRate(0.08);
    assertEquals(0.1, s.apply(2, 0.08), 1e-15);
    assertEquals(1e-5, s.apply(0, 1.5e-5), 1e-18);
  }

  @Test
  void metaMomentumPullsTheWeightsTowardThePreviousTrajectory() {
    var first = new TrainingEnvironment(TINY, data, SCHEME, SETTINGS.metaMomentum(0.5));
    first.reset(1, null);
    first.step(1);
    List<INDArray> previous = first.trajectory();
    assertEquals(1, previous.size());
    // the second episode's first step, pulled half the way toward the first episode's
    var second = new TrainingEnvironment(TINY, data, SCHEME, SETTINGS.metaMomentum(0.5));
    second.reset(2, previous);
    second.step(1);
    INDArray pulled = second.trajectory().get(0);
    // the same step without the pull
    var plain = TrainingRun.start(TINY, data, SCHEME, 2);
    plain.train(SETTINGS.stepBatches(), SETTINGS.initialRate());
    INDArray free = plain.parameters();
    assertEquals(0.5, pulled.distance2(previous.get(0)) / free.distance2(previous.get(0)), 1e-3);
    // without meta-momentum no trajectory is kept and nothing is pulled
    var off = new TrainingEnvironment(TINY, data, SCHEME, SETTINGS);
    off.reset(2, previous);
    off.step(1);
    assertTrue(off.trajectory().isEmpty());
  }

  @Test
  void theSameSeedGivesTheSameEpisodes() {
    List<StoredEpisode> a = qan(5).episodes(2).run().episodes();
    List<StoredEpisode> b = qan(5).episodes(2).run().episodes();
    assertEquals(steps(a), steps(b));
    assertTrue(!steps(a).equals(steps(qan(6).episodes(2).run().episodes())));
  }

  @Test
  void aStoredRunResumesAfterAnInterruptAndEqualsAnUninterruptedOne() {
    Path full = dir.resolve("full.db");
    var whole = qan(7).episodes(3).store(full).run();
    assertEquals("completed", whole.status());

    Path cut = dir.resolve("cut.db");
    var interrupting =
        new QanListener() {
          @Override
          public void stepFinished(int episode, StoredEpisode.Step step) {
            if (episode == 1 && step.step() == 1) {
              Thread.currentThread().interrupt();
            }
          }
        };
    var first = qan(7).episodes(3).store(cut).listener(interrupting).run();
    assertTrue(Thread.interrupted());
    assertEquals("interrupted", first.status());
    assertEquals(1, first.episodes().size()); // the interrupted episode is not kept
    var resumed = qan(7).episodes(3).store(cut).run();
    assertEquals("completed", resumed.status());
    try (var a = ExperimentStore.open(full);
        var b = ExperimentStore.open(cut)) {
      assertEquals(steps(a.episodes()), steps(b.episodes()));
      assertEquals(3, b.episodes().size());
    }
    // another seed is another run: refused
    var e = assertThrows(StoreException.class, () -> qan(8).episodes(3).store(cut).run());
    assertTrue(e.getMessage().contains("seed"), e.getMessage());
  }

  @Test
  void aLearnedControllerTrainsTheNetworksOfASearch() {
    QanResult learned = qan(9).episodes(1).run();
    var space = StateSpace.small().maxDepth(2).build();
    SearchResult r =
        Search.qLearning(space)
            .evaluator(learned.evaluator(data))
            .schedule(EpsilonSchedule.start(1.0, 3))
            .seed(1)
            .quiet()
            .run();
    assertEquals(3, r.models().size());
    for (var m : r.models()) {
      assertEquals(Evaluation.Status.COMPLETED, m.evaluation().status(), m.evaluation().reason());
      assertEquals(2, m.evaluation().curve().size()); // SETTINGS.epochs(), one point per epoch
    }
    assertEquals("qan", learned.evaluator(data).settings().get("type"));
  }

  private static Qan qan(long seed) {
    return Qan.on(data).architecture(TINY).scheme(SCHEME).settings(SETTINGS).seed(seed);
  }

  private static List<List<StoredEpisode.Step>> steps(List<StoredEpisode> episodes) {
    return episodes.stream().map(StoredEpisode::steps).toList();
  }
}
