package io.github.metaqnn4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.controller.ChoiceSpace;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller RNN inside the search loop: same evaluators, store and results as Q-learning. */
class ControllerSearchTest {
  private static final ChoiceSpace SPACE =
      ChoiceSpace.layers(3).choice("kernel", 1, 3, 5).choice("filters", 16, 32, 64).build();
  private static final Architecture TARGET =
      Architecture.parse("[C(64,5,1), C(16,3,1), C(32,1,1), SM(10)]");

  @TempDir Path dir;

  private static SearchBuilder search(long seed) {
    return Search.controller(SPACE)
        .evaluator(SyntheticEvaluator.towards(TARGET))
        .scheduleCountsSamples()
        .models(600)
        .seed(seed)
        .quiet();
  }

  @Test
  void itConvergesToTheBestOfASyntheticRewardAndRecordsItsChoices() {
    SearchResult r = search(1).run();
    assertEquals(SearchResult.Status.COMPLETED, r.status());
    assertEquals(600, r.history().size());
    assertEquals(TARGET, r.greedy());
    // the target's picks dominate the last snapshot: layer 1 kernel 5, layer 3 filters 32
    List<ChoiceProbability> last = r.choiceProbabilities().get(r.choiceProbabilities().lastKey());
    assertTrue(probability(last, "layer 1 kernel", "5") > 0.9, last.toString());
    assertTrue(probability(last, "layer 3 filters", "32") > 0.9, last.toString());
    List<ChoiceProbability> first = r.choiceProbabilities().get(0);
    assertTrue(probability(first, "layer 1 kernel", "5") < 0.5, first.toString());
    // one snapshot after the first iteration, then one per update of 4
    assertEquals(1 + 600 / 4, r.choiceProbabilities().size());
    // late samples: mostly the target, as good as Q-learning's end
    double lateMean =
        r.history().subList(500, 600).stream().mapToDouble(ModelRecord::reward).average().orElse(0);
    double earlyMean =
        r.history().subList(0, 100).stream().mapToDouble(ModelRecord::reward).average().orElse(0);
    assertTrue(lateMean > 0.9 && earlyMean < 0.7, earlyMean + " -> " + lateMean);
  }

  private static double probability(List<ChoiceProbability> rows, String decision, String option) {
    return rows.stream()
        .filter(c -> c.controller() == 0 && c.decision().equals(decision))
        .filter(c -> c.option().equals(option))
        .mapToDouble(ChoiceProbability::probability)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theSameSeedGivesTheSameSearch() {
    List<Architecture> a = architectures(search(5).models(60).run());
    assertEquals(a, architectures(search(5).models(60).run()));
    assertNotEquals(a, architectures(search(6).models(60).run()));
  }

  private static List<Architecture> architectures(SearchResult r) {
    return r.history().stream().map(ModelRecord::architecture).toList();
  }

  @Test
  void aControllerHasNoEpsilonNorQValues() {
    Search s = search(2).models(20).build();
    SearchResult r = s.run();
    assertTrue(r.history().stream().allMatch(m -> m.epsilon() == 0));
    assertTrue(r.qValues().isEmpty());
    assertTrue(s.controllers().isPresent());
    assertThrows(IllegalStateException.class, s::agent);
    assertTrue(
        Search.qLearning(SPACE.stateSpace())
            .evaluator(SyntheticEvaluator.towards(TARGET))
            .quiet()
            .build()
            .controllers()
            .isEmpty());
  }

  @Test
  void onAStateSpaceItDesignsOnlyLegalArchitectures() {
    StateSpace space = StateSpace.small().build();
    SearchResult r =
        Search.controller(space)
            .evaluator(SyntheticEvaluator.of(a -> 0.1 * a.count("C")))
            .models(40)
            .seed(3)
            .quiet()
            .run();
    assertEquals(40, r.models().size());
    r.history().forEach(m -> assertTrue(space.check(m.architecture()).isEmpty(), m.toString()));
    assertTrue(r.choiceProbabilities().get(0).get(0).decision().equals("step 1"));
  }

  @Test
  void itsStoreRecordsTheAgentAndRefusesQLearning() {
    Path db = dir.resolve("c.db");
    search(3).controller(ControllerSettings.defaults().controllers(2)).models(24).store(db).run();
    try (var store = ExperimentStore.open(db)) {
      assertEquals("controller", store.settings().get("agent"));
      assertEquals(SPACE.notation(), store.settings().get("choices"));
      assertEquals(24, store.models().size());
      // both controllers' choices in every snapshot
      List<ChoiceProbability> first = store.choiceProbabilities().get(0);
      assertEquals(2, first.stream().mapToInt(ChoiceProbability::controller).distinct().count());
    }
    var e =
        assertThrows(
            StoreException.class,
            () ->
                Search.qLearning(SPACE.stateSpace())
                    .evaluator(SyntheticEvaluator.towards(TARGET))
                    .scheduleCountsSamples()
                    .models(24)
                    .seed(3)
                    .store(db)
                    .build());
    assertTrue(e.getMessage().contains("agent"), e.getMessage());
  }
}
