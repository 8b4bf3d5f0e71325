package io.github.metaqnn4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateSpaceTest {
  private final StateSpace cifar = StateSpace.cifar10().build();

  @Test
  void publishedArchitecturesAreLegalInTheirPaperSpaces() {
    for (var row : PaperArchitectures.rows()) {
      Architecture a = Architecture.parse(row.text());
      switch (row.dataset()) {
        case "cifar10" -> assertTrue(cifar.accepts(a), cifar.check(a).orElse(""));
        case "svhn" -> {
          StateSpace svhn = StateSpace.svhn().build();
          assertTrue(svhn.accepts(a), svhn.check(a).orElse(""));
        }
        default -> assertEquals("example", row.dataset());
      }
    }
  }

  @Test
  void paperDefaults() {
    StateSpace s = StateSpace.paper().build();
    assertEquals(List.of(64, 128, 256, 512), s.settings().convFilters());
    assertEquals(List.of(1, 3, 5), s.settings().convKernels());
    assertEquals(List.of(1), s.settings().convStrides());
    assertEquals(List.of(new Pool(5, 3), new Pool(3, 2), new Pool(2, 2)), s.settings().pools());
    assertEquals(List.of(512, 256, 128), s.settings().fcSizes());
    assertEquals(2, s.settings().maxConsecutiveFc());
    assertEquals(List.of(4, 1), s.settings().fcFromBins());
    assertEquals(Padding.SAME, s.settings().padding());
    assertEquals(18, cifar.settings().maxDepth());
    assertEquals(12, StateSpace.svhn().build().settings().maxDepth());
    assertEquals(28, StateSpace.mnist().build().imageSize());
    assertEquals(12, StateSpace.mnist().build().settings().maxDepth());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[P(2,2), SM(10)]|0|pooling cannot be the first layer",
        "[C(64,3,1), P(2,2), P(2,2), SM(10)]|2|pooling cannot follow pooling",
        "[C(64,3,1), FC(512), SM(10)]|1|FC may follow only representation sizes in [(8,4], (4,1]], not (inf,8]",
        "[C(64,3,1), GAP(10), C(64,3,1), SM(10)]|2|only SM may follow GAP",
        "[C(64,3,1), P(5,3), C(64,3,1), P(5,3), FC(128), FC(256), SM(10)]|5|consecutive FC layers must not grow: 256 > 128",
        "[C(64,3,1), P(5,3), C(64,3,1), P(5,3), FC(512), FC(256), FC(128), SM(10)]|6|at most 2 FC layers may follow each other",
        "[C(64,3,1), P(5,3), C(64,3,1), P(5,3), FC(512), C(64,1,1), SM(10)]|5|a convolution cannot follow FC",
        "[C(64,3,1), P(5,3), C(64,3,1), P(5,3), C(64,3,1), SM(10)]|4|the kernel 3 breaks the rule kernel < size bin at the representation size 2 (size bin (4,1], value 1)",
        "[C(32,3,1), SM(10)]|0|C(n,f,l) must have n in [64, 128, 256, 512], f in [1, 3, 5], l in [1]",
        "[C(64,3,1), SM(7)]|1|the output must be SM(10) for 10 classes",
        "[C(64,3,1), SM(10), SM(10)]|2|the architecture already ended with SM(10)",
        "[C(64,3,1)]|1|it must end with SM(10)",
      })
  void brokenRulesAreNamed(String text, int index, String reason) {
    Architecture a = Architecture.parse(text);
    var e = assertThrows(IllegalArchitectureException.class, () -> cifar.walk(a));
    assertEquals(index, e.index(), e.getMessage());
    assertEquals(reason, e.reason());
    assertFalse(cifar.accepts(a));
  }

  @ParameterizedTest
  @CsvSource({
    // size, original code, paper text, below size: actions after C(64,3,1) in the cifar10 space
    // (SM + 4 filters x kernels + GAP + pools + 3 FC; FC only from the bins (8,4] and (4,1])
    "3, 5, 15, 10", // bin 1: the original allows no kernel; <= 3: 1, 3 and P(3,2), P(2,2); < 3: 1,
    // P(2,2)
    "4, 15, 15, 15", // bin 4: kernels 1, 3 and P(3,2), P(2,2) under every rule
    "5, 15, 20, 15", // <= 5 adds the kernel 5 and P(5,3)
    "7, 15, 20, 20", // < 7 too; the original still stops at the bin's value 4
    "8, 17, 17, 17", // bin 8: every kernel, no FC
  })
  void theThreeKernelRulesDifferWhereTheyShould(int size, int original, int text, int below) {
    State conv = new State(new Conv(64, 3, 1), 1, SizeBins.paper().bin(size), 0);
    int[] expected = {original, text, below};
    KernelRule[] rules = {KernelRule.ORIGINAL_CODE, KernelRule.PAPER_TEXT, KernelRule.BELOW_SIZE};
    for (int i = 0; i < rules.length; i++) {
      StateSpace s = StateSpace.cifar10().kernelRule(rules[i]).build();
      assertEquals(expected[i], s.legalActions(conv, size).size(), rules[i] + " at size " + size);
    }
    assertEquals(KernelRule.ORIGINAL_CODE, StateSpace.small().build().settings().kernelRule());
    assertEquals(KernelRule.ORIGINAL_CODE, StateSpace.mnist().build().settings().kernelRule());
  }

  @Test
  void depthLimitForcesTermination() {
    StateSpace s = StateSpace.paper().maxDepth(2).build();
    Architecture two = Architecture.parse("[C(64,3,1), C(64,3,1), SM(10)]");
    assertTrue(s.accepts(two));
    Architecture three = Architecture.parse("[C(64,3,1), C(64,3,1), C(64,3,1), SM(10)]");
    var e = assertThrows(IllegalArchitectureException.class, () -> s.walk(three));
    assertEquals(2, e.index());
    State atLimit = s.walk(two).get(1).state();
    atLimit = s.next(atLimit, 32, new Conv(64, 3, 1));
    assertEquals(List.of(new Softmax(10)), s.legalActions(atLimit, 32));
  }

  @Test
  void terminationIsAllowedFromEveryState() {
    for (var node : StateSpace.svhn().build().graph().nodes()) {
      assertTrue(
          node.indexOf(new Softmax(10)) >= 0, () -> "no termination from " + node.toString());
    }
  }

  @Test
  void poolingCanLandInEitherBinFromTheSameState() {
    // C(64,3,1) at depth 3 in bin (inf,8], reached at true size 10 or 16, pooled by P(2,2):
    // ceil((10-2+1)/2) = 5 lands in (8,4]; ceil((16-2+1)/2) = 8 stays in (inf,8].
    StateSpace s = StateSpace.paper().build();
    State from = new State(new Conv(64, 3, 1), 3, 8, 0);
    assertEquals(4, s.next(from, 10, new Pool(2, 2)).sizeBin());
    assertEquals(8, s.next(from, 16, new Pool(2, 2)).sizeBin());
    assertEquals(5, s.sizeAfter(10, new Pool(2, 2)));
    assertEquals(10, s.sizeAfter(32, new Pool(5, 3)));
    assertEquals(32, s.sizeAfter(32, new Conv(64, 5, 1)));
    assertEquals(
        28, StateSpace.paper().padding(Padding.VALID).build().sizeAfter(32, new Conv(64, 5, 1)));
  }

  @Test
  void walkTracksTrueSizesAndBins() {
    List<Step> steps =
        cifar.walk(Architecture.parse("[C(64,3,1), P(5,3), C(64,3,1), P(3,2), SM(10)]"));
    assertEquals(List.of(32, 32, 10, 10, 4), steps.stream().map(Step::size).toList());
    assertEquals(List.of(8, 8, 8, 8, 4), steps.stream().map(s -> s.state().sizeBin()).toList());
    assertEquals(List.of(0, 1, 2, 3, 4), steps.stream().map(s -> s.state().depth()).toList());
  }

  @Test
  void everyRuleCanBeSwitched() {
    StateSpace loose =
        StateSpace.paper()
            .initialPooling(true)
            .consecutivePooling(true)
            .kernelRule(KernelRule.NONE)
            .fcNonIncreasing(false)
            .fcFromBins(8, 4, 1)
            .maxConsecutiveFc(3)
            .build();
    assertTrue(
        loose.accepts(Architecture.parse("[P(2,2), P(2,2), FC(128), FC(256), FC(512), SM(10)]")));
    StateSpace noGap = StateSpace.paper().globalAveragePooling(false).build();
    assertFalse(noGap.accepts(Architecture.parse("[C(64,3,1), GAP(10), SM(10)]")));
    StateSpace deep = StateSpace.paper().minDepth(2).build();
    assertEquals(
        "at least 2 layers must come before the softmax",
        assertThrows(
                IllegalArchitectureException.class,
                () -> deep.walk(Architecture.parse("[C(64,3,1), SM(10)]")))
            .reason());
    StateSpace bins = StateSpace.paper().sizeBins(16, 8, 1).fcFromBins(8, 1).build();
    assertEquals(8, bins.next(bins.start(), 32, new Pool(5, 3)).sizeBin());
  }

  @Test
  void builderRejectsBadSettingsWithTheirNames() {
    assertEquals(
        "StateSpace: classes must be at least 2, got 1",
        assertThrows(IllegalArgumentException.class, () -> StateSpace.paper().classes(1).build())
            .getMessage());
    assertEquals(
        "StateSpace: convFilters must be positive, got [64, -1]",
        assertThrows(
                IllegalArgumentException.class,
                () -> StateSpace.paper().convFilters(64, -1).build())
            .getMessage());
    assertEquals(
        "StateSpace: fcFromBins: 2 is not a size bin lower bound; bins are (inf,8] (8,4] (4,1]",
        assertThrows(IllegalArgumentException.class, () -> StateSpace.paper().fcFromBins(2).build())
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> StateSpace.paper().sizeBins(4, 8, 1));
    assertThrows(IllegalArgumentException.class, () -> StateSpace.paper().sizeBins(8, 4));
    assertThrows(
        IllegalArgumentException.class, () -> StateSpace.paper().minDepth(5).maxDepth(3).build());
  }

  @Test
  void toBuilderRoundTripsAndSpacesCompareBySettings() {
    assertEquals(cifar, cifar.toBuilder().build());
    assertEquals(cifar.hashCode(), cifar.toBuilder().build().hashCode());
    assertFalse(cifar.equals(cifar.toBuilder().maxDepth(17).build()));
  }

  @Test
  void enumerationIsConsistent() {
    StateSpace s = StateSpace.small().build();
    StateGraph g = s.graph();
    SpaceSummary d = s.describe();
    assertEquals(g.states().size(), d.states());
    int byType = SpaceSummary.TYPES.stream().mapToInt(d::count).sum();
    assertEquals(d.states(), byType);
    assertEquals(1, d.count("start"));
    int pairs = 0;
    for (int id = 0; id < g.states().size(); id++) {
      pairs += g.actions(id).size();
      assertEquals(id, g.stateId(g.states().get(id)));
    }
    assertEquals(pairs, s.stateActionCount());
    // every node's legal actions are exactly the rule-filtered vocabulary at its true size
    for (var node : g.nodes()) {
      List<Layer> legal = s.legalActions(node.state(), node.size());
      assertEquals(legal.size(), node.actionCount());
      for (int i = 0; i < node.actionCount(); i++) {
        assertEquals(legal.get(i), node.action(i));
        assertEquals(node.action(i), g.actions(node.stateId()).get(node.slot(i)));
      }
    }
    assertTrue(d.toString().contains("states"), d.toString());
  }

  @Test
  void architectureCountMatchesBruteForceOnATinySpace() {
    StateSpace tiny =
        StateSpace.paper()
            .imageSize(8)
            .maxDepth(3)
            .convFilters(4)
            .convKernels(3)
            .pools(new Pool(2, 2))
            .fcSizes(16)
            .build();
    assertEquals(
        countByEnumeration(tiny, tiny.start(), tiny.imageSize()),
        tiny.graph().architectureCount().longValue());
  }

  private static long countByEnumeration(StateSpace s, State state, int size) {
    long n = 0;
    for (Layer a : s.legalActions(state, size)) {
      n += a.terminal() ? 1 : countByEnumeration(s, s.next(state, size, a), s.sizeAfter(size, a));
    }
    return n;
  }
}
