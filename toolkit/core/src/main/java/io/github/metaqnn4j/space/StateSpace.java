package io.github.metaqnn4j.space;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The MetaQNN state space: the layer vocabulary and the rules that say which layer may follow which
 * (paper, Table 1 and section 4.2). Immutable; made with a fluent {@link Builder} whose defaults
 * are the paper's. Where the paper's text and the original code differ, on the kernel sizes allowed
 * at a representation size, every preset follows the code that produced the paper's results ({@link
 * KernelRule#ORIGINAL_CODE}); {@link Builder#kernelRule} selects the others.
 *
 * <pre>{@code
 * var space = StateSpace.paper().imageSize(28).classes(10).maxDepth(6).convFilters(16, 32).build();
 * space.legalActions(space.start(), space.imageSize());   // the first layers the agent may pick
 * space.accepts(Architecture.parse("[C(16,3,1), P(2,2), SM(10)]"));   // true
 * space.describe();
 * }</pre>
 */
public final class StateSpace {
  private final Settings settings;
  private final List<Layer> vocabulary;
  private volatile StateGraph graph;

  private StateSpace(Settings settings) {
    this.settings = settings;
    this.vocabulary = buildVocabulary();
  }

  /**
   * The space of {@code settings} (as {@link #settings()} returns them, or read back from JSON).
   */
  public static StateSpace of(Settings settings) {
    return new StateSpace(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * The space whose settings are the JSON object {@code json}, as stores and recorded tables keep
   * them ({@link #settings()} written by Gson). Settings written before the kernel rules had names
   * ({@code kernelSmallerThanSize}) are read as {@link KernelRule#BELOW_SIZE} or {@link
   * KernelRule#NONE}.
   *
   * @throws IllegalArgumentException when a setting is missing or wrong
   */
  public static StateSpace fromJson(String json) {
    JsonObject o;
    try {
      o = JsonParser.parseString(json).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("space settings are not a JSON object: " + e, e);
    }
    if (o.has("kernelSmallerThanSize") && !o.has("kernelRule")) {
      boolean below = o.remove("kernelSmallerThanSize").getAsBoolean();
      o.addProperty("kernelRule", (below ? KernelRule.BELOW_SIZE : KernelRule.NONE).name());
    }
    Settings settings;
    try {
      settings = new Gson().fromJson(o, Settings.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot read the space settings " + o + ": " + e, e);
    }
    return of(settings);
  }

  /**
   * The rules of the paper (Table 1, section 4.2) for 32x32 images and 10 classes, depth 12;
   * kernels by {@link KernelRule#ORIGINAL_CODE}.
   */
  public static Builder paper() {
    return new Builder();
  }

  /**
   * The paper's CIFAR-10 space: 32x32 images, 10 classes, at most 18 layers; kernels by {@link
   * KernelRule#ORIGINAL_CODE}.
   */
  public static Builder cifar10() {
    return paper().name("cifar10").maxDepth(18);
  }

  /**
   * The paper's SVHN space: 32x32 images, 10 classes, at most 12 layers; kernels by {@link
   * KernelRule#ORIGINAL_CODE}.
   */
  public static Builder svhn() {
    return paper().name("svhn").maxDepth(12);
  }

  /**
   * The paper's MNIST space: 28x28 images, 10 classes, at most 12 layers; kernels by {@link
   * KernelRule#ORIGINAL_CODE}.
   */
  public static Builder mnist() {
    return paper().name("mnist").imageSize(28).maxDepth(12);
  }

  /**
   * A small space whose networks train in seconds on a CPU: 28x28 input, 8 or 16 filters of size 3
   * or 5, the paper's pooling, FC of 64 or 32 units, at most 6 layers; kernels by {@link
   * KernelRule#ORIGINAL_CODE}.
   */
  public static Builder small() {
    return paper()
        .name("small")
        .imageSize(28)
        .maxDepth(6)
        .convFilters(8, 16)
        .convKernels(3, 5)
        .fcSizes(64, 32);
  }

  /** A builder holding this space's settings, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(settings);
  }

  // ---- settings ----------------------------------------------------------------------------

  /** Every setting of this space: the rules and the layer choices. */
  public Settings settings() {
    return settings;
  }

  /** A name for reports and provenance. */
  public String name() {
    return settings.name();
  }

  /** The input's width and height in pixels. */
  public int imageSize() {
    return settings.imageSize();
  }

  /** The number of classes: the size of GAP(k) and SM(k). */
  public int classes() {
    return settings.classes();
  }

  /** The representation-size bins. */
  public SizeBins sizeBins() {
    return settings.sizeBins();
  }

  /** Every layer the agent could ever choose, in a fixed order: C, P, FC, GAP, SM. */
  public List<Layer> vocabulary() {
    return vocabulary;
  }

  // ---- transitions ---------------------------------------------------------------------------

  /** The start state: no layer yet, depth 0, in the bin of the input size. */
  public State start() {
    return new State(null, 0, settings.sizeBins().bin(settings.imageSize()), 0);
  }

  /**
   * Why {@code action} may not follow {@code state} at true representation size {@code size}, or
   * empty if it may.
   */
  public Optional<String> violation(State state, int size, Layer action) {
    return Optional.ofNullable(TransitionRules.violation(this, state, size, action));
  }

  /** The layers that may follow {@code state} at true representation size {@code size}. */
  public List<Layer> legalActions(State state, int size) {
    List<Layer> legal = new ArrayList<>();
    for (Layer candidate : vocabulary) {
      if (TransitionRules.violation(this, state, size, candidate) == null) {
        legal.add(candidate);
      }
    }
    return legal;
  }

  /** The true representation size after {@code action} is applied to size {@code size}. */
  public int sizeAfter(int size, Layer action) {
    if (action instanceof Conv c) {
      int valid = settings.padding() == Padding.SAME ? size : size - c.kernel() + 1;
      return Math.max(1, (valid + c.stride() - 1) / c.stride());
    }
    if (action instanceof Pool p) {
      return p.outputSize(size);
    }
    return 1;
  }

  /** The state reached by {@code action} from {@code state} at true size {@code size}. */
  public State next(State state, int size, Layer action) {
    int fcRun =
        action instanceof FullyConnected
            ? (state.layer() instanceof FullyConnected ? state.fcRun() + 1 : 1)
            : 0;
    return new State(
        action, state.depth() + 1, settings.sizeBins().bin(sizeAfter(size, action)), fcRun);
  }

  /**
   * The trajectory of states an architecture walks through.
   *
   * @throws IllegalArchitectureException naming the first layer that breaks a rule and the rule
   */
  public List<Step> walk(Architecture architecture) {
    List<Step> steps = new ArrayList<>(architecture.size());
    State state = start();
    int size = settings.imageSize();
    for (int i = 0; i < architecture.size(); i++) {
      Layer layer = architecture.layer(i);
      String why = TransitionRules.violation(this, state, size, layer);
      if (why != null) {
        throw new IllegalArchitectureException(architecture, i, why);
      }
      steps.add(new Step(state, size, layer));
      state = next(state, size, layer);
      size = sizeAfter(size, layer);
    }
    if (!state.isTerminal()) {
      throw new IllegalArchitectureException(
          architecture, architecture.size(), "it must end with SM(" + settings.classes() + ")");
    }
    return steps;
  }

  /** Whether the architecture is one the agent could design in this space. */
  public boolean accepts(Architecture architecture) {
    return check(architecture).isEmpty();
  }

  /** Why the architecture is not in this space, or empty if it is. */
  public Optional<String> check(Architecture architecture) {
    try {
      walk(architecture);
      return Optional.empty();
    } catch (IllegalArchitectureException e) {
      return Optional.of(e.getMessage());
    }
  }

  // ---- enumeration ---------------------------------------------------------------------------

  /** The compiled graph of reachable states and state-action pairs (built once, then cached). */
  public StateGraph graph() {
    StateGraph g = graph;
    if (g == null) {
      synchronized (this) {
        g = graph;
        if (g == null) {
          g = StateGraph.compile(this);
          graph = g;
        }
      }
    }
    return g;
  }

  /** Every reachable state, the start state first. */
  public List<State> states() {
    return graph().states();
  }

  /** The number of reachable state-action pairs: the size of the Q table. */
  public int stateActionCount() {
    return graph().stateActionCount();
  }

  /** Counts of states by layer type and depth, and of state-action pairs and architectures. */
  public SpaceSummary describe() {
    return SpaceSummary.of(this);
  }

  private List<Layer> buildVocabulary() {
    List<Layer> all = new ArrayList<>();
    for (int n : settings.convFilters()) {
      for (int f : settings.convKernels()) {
        for (int l : settings.convStrides()) {
          all.add(new Conv(n, f, l));
        }
      }
    }
    all.addAll(settings.pools());
    for (int n : settings.fcSizes()) {
      all.add(new FullyConnected(n));
    }
    if (settings.globalAveragePooling()) {
      all.add(new GlobalAveragePooling(settings.classes()));
    }
    all.add(new Softmax(settings.classes()));
    return List.copyOf(all);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateSpace other && settings.equals(other.settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }

  @Override
  public String toString() {
    return "StateSpace "
        + settings.name()
        + ": "
        + settings.imageSize()
        + "x"
        + settings.imageSize()
        + " input, "
        + settings.classes()
        + " classes, depth "
        + (settings.minDepth() > 0 ? settings.minDepth() + ".." : "")
        + settings.maxDepth()
        + ", C(n in "
        + settings.convFilters()
        + ", f in "
        + settings.convKernels()
        + ", l in "
        + settings.convStrides()
        + ") "
        + settings.padding()
        + ", P "
        + settings.pools()
        + ", FC "
        + settings.fcSizes()
        + " (at most "
        + settings.maxConsecutiveFc()
        + " in a row"
        + (settings.fcNonIncreasing() ? ", non-increasing" : "")
        + ", from bins "
        + settings.fcFromBins()
        + "), GAP "
        + (settings.globalAveragePooling() ? "on" : "off")
        + ", bins "
        + settings.sizeBins()
        + ", initial pooling "
        + (settings.initialPooling() ? "on" : "off")
        + ", consecutive pooling "
        + (settings.consecutivePooling() ? "on" : "off")
        + ", kernels: "
        + settings.kernelRule().description();
  }

  /**
   * Every setting of a {@link StateSpace}, checked when made. The builder's methods say what each
   * one means.
   *
   * @throws IllegalArgumentException naming the setting that is wrong and why
   */
  public record Settings(
      String name,
      int imageSize,
      int classes,
      int minDepth,
      int maxDepth,
      List<Integer> convFilters,
      List<Integer> convKernels,
      List<Integer> convStrides,
      List<Pool> pools,
      List<Integer> fcSizes,
      int maxConsecutiveFc,
      List<Integer> fcFromBins,
      SizeBins sizeBins,
      Padding padding,
      boolean initialPooling,
      boolean consecutivePooling,
      boolean globalAveragePooling,
      KernelRule kernelRule,
      boolean fcNonIncreasing) {
    public Settings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sizeBins, "sizeBins");
      Objects.requireNonNull(padding, "padding");
      Objects.requireNonNull(kernelRule, "kernelRule");
      convFilters = List.copyOf(convFilters);
      convKernels = List.copyOf(convKernels);
      convStrides = List.copyOf(convStrides);
      pools = List.copyOf(pools);
      fcSizes = List.copyOf(fcSizes);
      fcFromBins =
          List.copyOf(
              fcFromBins != null
                  ? fcFromBins
                  : sizeBins.lowerBounds().subList(1, sizeBins.lowerBounds().size()));
      require(imageSize >= 1, "imageSize must be at least 1, got " + imageSize);
      require(classes >= 2, "classes must be at least 2, got " + classes);
      require(maxDepth >= 0, "maxDepth must not be negative, got " + maxDepth);
      require(
          minDepth >= 0 && minDepth <= maxDepth,
          "minDepth must be between 0 and maxDepth " + maxDepth + ", got " + minDepth);
      require(maxConsecutiveFc >= 0, "maxConsecutiveFc must not be negative");
      positive("convFilters", convFilters);
      positive("convKernels", convKernels);
      positive("convStrides", convStrides);
      positive("fcSizes", fcSizes);
      for (int bin : fcFromBins) {
        require(
            sizeBins.contains(bin),
            "fcFromBins: " + bin + " is not a size bin lower bound; bins are " + sizeBins);
      }
    }

    private static void positive(String setting, List<Integer> values) {
      for (int v : values) {
        require(v > 0, setting + " must be positive, got " + values);
      }
      require(
          values.stream().distinct().count() == values.size(),
          setting + " has duplicates: " + values);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException("StateSpace: " + message);
      }
    }
  }

  /**
   * Fluent settings of a {@link StateSpace}; every rule of the paper can be switched or
   * re-parameterised here. Defaults are the paper's.
   *
   * <pre>{@code
   * StateSpace.paper().imageSize(28).maxDepth(8).pools(new Pool(2, 2)).fcSizes(128).build();
   * }</pre>
   */
  public static final class Builder {
    private String name = "paper";
    private int imageSize = 32;
    private int classes = 10;
    private int minDepth = 0;
    private int maxDepth = 12;
    private List<Integer> convFilters = List.of(64, 128, 256, 512);
    private List<Integer> convKernels = List.of(1, 3, 5);
    private List<Integer> convStrides = List.of(1);
    private List<Pool> pools = List.of(new Pool(5, 3), new Pool(3, 2), new Pool(2, 2));
    private List<Integer> fcSizes = List.of(512, 256, 128);
    private int maxConsecutiveFc = 2;
    private List<Integer> fcFromBins = null;
    private SizeBins sizeBins = SizeBins.paper();
    private Padding padding = Padding.SAME;
    private boolean initialPooling = false;
    private boolean consecutivePooling = false;
    private boolean globalAveragePooling = true;
    private KernelRule kernelRule = KernelRule.ORIGINAL_CODE;
    private boolean fcNonIncreasing = true;

    private Builder() {}

    private Builder(Settings s) {
      name = s.name();
      imageSize = s.imageSize();
      classes = s.classes();
      minDepth = s.minDepth();
      maxDepth = s.maxDepth();
      convFilters = s.convFilters();
      convKernels = s.convKernels();
      convStrides = s.convStrides();
      pools = s.pools();
      fcSizes = s.fcSizes();
      maxConsecutiveFc = s.maxConsecutiveFc();
      fcFromBins = s.fcFromBins();
      sizeBins = s.sizeBins();
      padding = s.padding();
      initialPooling = s.initialPooling();
      consecutivePooling = s.consecutivePooling();
      globalAveragePooling = s.globalAveragePooling();
      kernelRule = s.kernelRule();
      fcNonIncreasing = s.fcNonIncreasing();
    }

    /** A name for reports and provenance. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The input's width and height in pixels (square images). */
    public Builder imageSize(int pixels) {
      this.imageSize = pixels;
      return this;
    }

    /** The number of classes: the size of GAP(k) and SM(k). */
    public Builder classes(int classes) {
      this.classes = classes;
      return this;
    }

    /** The most layers before the softmax; at this depth termination is forced. */
    public Builder maxDepth(int layers) {
      this.maxDepth = layers;
      return this;
    }

    /** The fewest layers before the softmax may end the network (paper: 0, terminate anywhere). */
    public Builder minDepth(int layers) {
      this.minDepth = layers;
      return this;
    }

    /** Choices for the number of filters of a convolution (paper: 64, 128, 256, 512). */
    public Builder convFilters(int... filters) {
      this.convFilters = list(filters);
      return this;
    }

    /** Choices for the kernel size of a convolution (paper: 1, 3, 5). */
    public Builder convKernels(int... kernels) {
      this.convKernels = list(kernels);
      return this;
    }

    /** Choices for the stride of a convolution (paper: 1). */
    public Builder convStrides(int... strides) {
      this.convStrides = list(strides);
      return this;
    }

    /** Choices of pooling (paper: P(5,3), P(3,2), P(2,2)); none disables pooling. */
    public Builder pools(Pool... pools) {
      this.pools = List.of(pools);
      return this;
    }

    /** Choices of FC width (paper: 512, 256, 128); none disables FC layers. */
    public Builder fcSizes(int... units) {
      this.fcSizes = list(units);
      return this;
    }

    /** The most FC layers in a row (paper: 2); 0 disables FC layers. */
    public Builder maxConsecutiveFc(int layers) {
      this.maxConsecutiveFc = layers;
      return this;
    }

    /** The size bins (lower bounds) from which an FC layer may follow a conv or pooling layer. */
    public Builder fcFromBins(int... bins) {
      this.fcFromBins = list(bins);
      return this;
    }

    /** Representation-size bins by their lower bounds (paper: 8, 4, 1). */
    public Builder sizeBins(int... lowerBounds) {
      this.sizeBins = SizeBins.of(lowerBounds);
      return this;
    }

    /** Convolution padding (paper: SAME). */
    public Builder padding(Padding padding) {
      this.padding = Objects.requireNonNull(padding, "padding");
      return this;
    }

    /** Whether pooling may be the first layer (paper: no). */
    public Builder initialPooling(boolean allowed) {
      this.initialPooling = allowed;
      return this;
    }

    /** Whether pooling may follow pooling (paper: no). */
    public Builder consecutivePooling(boolean allowed) {
      this.consecutivePooling = allowed;
      return this;
    }

    /** Whether GAP(k) is in the vocabulary (paper: yes). */
    public Builder globalAveragePooling(boolean allowed) {
      this.globalAveragePooling = allowed;
      return this;
    }

    /**
     * Which kernels a conv or pooling layer may have at a representation size (presets: {@link
     * KernelRule#ORIGINAL_CODE}, the rule the paper's results were produced with).
     */
    public Builder kernelRule(KernelRule rule) {
      this.kernelRule = Objects.requireNonNull(rule, "kernelRule");
      return this;
    }

    /** Whether consecutive FC layers must not grow wider (paper: yes). */
    public Builder fcNonIncreasing(boolean required) {
      this.fcNonIncreasing = required;
      return this;
    }

    /**
     * The space, after checking the settings.
     *
     * @throws IllegalArgumentException naming the setting that is wrong and why
     */
    public StateSpace build() {
      return new StateSpace(
          new Settings(
              name,
              imageSize,
              classes,
              minDepth,
              maxDepth,
              convFilters,
              convKernels,
              convStrides,
              pools,
              fcSizes,
              maxConsecutiveFc,
              fcFromBins,
              sizeBins,
              padding,
              initialPooling,
              consecutivePooling,
              globalAveragePooling,
              kernelRule,
              fcNonIncreasing));
    }

    private static List<Integer> list(int... values) {
      return Arrays.stream(values).boxed().toList();
    }
  }
}
