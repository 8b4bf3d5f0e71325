package io.github.metaqnn4j.controller;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.KernelRule;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Softmax;
import io.github.metaqnn4j.space.StateSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A categorical search space in the style of the controller-RNN code (titu1994, after Zoph & Le): a
 * fixed number of convolution layers, each made of named choices ({@code kernel}, {@code filters},
 * {@code stride}), followed by the softmax. A controller makes one decision per choice per layer;
 * the architecture it designs is one the existing evaluators train.
 *
 * <pre>{@code
 * var space = ChoiceSpace.layers(4).choice("kernel", 1, 3).choice("filters", 16, 32, 64).build();
 * space.decisions().size();                       // 8: kernel and filters of 4 layers
 * var a = space.architecture(new int[] {1, 2, 1, 2, 0, 0, 1, 1});
 * // [C(64,3,1), C(64,3,1), C(16,1,1), C(32,3,1), SM(10)]
 * space.picks(a);                                 // {1, 2, 1, 2, 0, 0, 1, 1}
 * }</pre>
 */
public final class ChoiceSpace {
  private static final List<String> NAMES = List.of("kernel", "filters", "stride");

  private final int layers;
  private final Map<String, List<Integer>> choices;
  private final int imageSize;
  private final int classes;
  private final List<Decision> decisions;

  /**
   * One decision: a choice of one layer.
   *
   * @param layer the layer, from 0
   * @param name the choice: kernel, filters or stride
   * @param values its options
   */
  public record Decision(int layer, String name, List<Integer> values) {
    public Decision {
      values = List.copyOf(values);
    }

    /** The number of options. */
    public int options() {
      return values.size();
    }
  }

  private ChoiceSpace(Builder b) {
    this.layers = b.layers;
    this.choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.choices));
    this.imageSize = b.imageSize;
    this.classes = b.classes;
    List<Decision> all = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      for (var e : b.choices.entrySet()) {
        all.add(new Decision(l, e.getKey(), e.getValue()));
      }
    }
    this.decisions = List.copyOf(all);
  }

  /** Starts a space of {@code count} convolution layers before the softmax. */
  public static Builder layers(int count) {
    return new Builder(count);
  }

  /** The decisions, layer by layer, in the order the choices were given. */
  public List<Decision> decisions() {
    return decisions;
  }

  /** The number of architectures: the product of every decision's options. */
  public long size() {
    long n = 1;
    for (Decision d : decisions) {
      n *= d.options();
    }
    return n;
  }

  /** The options of every decision, in order. */
  public int[] options() {
    return decisions.stream().mapToInt(Decision::options).toArray();
  }

  /**
   * The architecture of one index per decision.
   *
   * @throws IllegalArgumentException naming a decision whose index is out of range
   */
  public Architecture architecture(int[] picks) {
    if (picks.length != decisions.size()) {
      throw new IllegalArgumentException(
          "give one pick per decision (" + decisions.size() + "), got " + picks.length);
    }
    List<Layer> out = new ArrayList<>();
    int i = 0;
    for (int l = 0; l < layers; l++) {
      int kernel = 3;
      int filters = 32;
      int stride = 1;
      for (String name : choices.keySet()) {
        Decision d = decisions.get(i);
        int pick = picks[i++];
        if (pick < 0 || pick >= d.options()) {
          throw new IllegalArgumentException(
              "layer " + l + " " + name + ": pick " + pick + " is not in 0.." + (d.options() - 1));
        }
        int v = d.values().get(pick);
        switch (name) {
          case "kernel" -> kernel = v;
          case "filters" -> filters = v;
          default -> stride = v;
        }
      }
      out.add(new Conv(filters, kernel, stride));
    }
    out.add(new Softmax(classes));
    return new Architecture(out);
  }

  /**
   * The picks that design {@code architecture}: the inverse of {@link #architecture(int[])}.
   *
   * @throws IllegalArgumentException when this space cannot design it, naming the layer
   */
  public int[] picks(Architecture architecture) {
    if (architecture.depth() != layers) {
      throw new IllegalArgumentException(
          architecture + " has " + architecture.depth() + " layers before SM, not " + layers);
    }
    int[] picks = new int[decisions.size()];
    int i = 0;
    for (int l = 0; l < layers; l++) {
      if (!(architecture.layer(l) instanceof Conv c)) {
        throw new IllegalArgumentException(
            "layer " + l + " of " + architecture + " is not a convolution");
      }
      for (String name : choices.keySet()) {
        int v =
            switch (name) {
              case "kernel" -> c.kernel();
              case "filters" -> c.filters();
              default -> c.stride();
            };
        int pick = decisions.get(i).values().indexOf(v);
        if (pick < 0) {
          throw new IllegalArgumentException(
              "layer " + l + " " + name + " " + v + " is not one of " + decisions.get(i).values());
        }
        picks[i++] = pick;
      }
    }
    return picks;
  }

  /**
   * The MetaQNN state space that holds every architecture of this one (same layers and choices, no
   * pooling, FC or GAP, any kernel), for the evaluators' checks.
   */
  public StateSpace stateSpace() {
    return StateSpace.paper()
        .name("choices")
        .imageSize(imageSize)
        .classes(classes)
        .maxDepth(layers)
        .convKernels(ints(choices.getOrDefault("kernel", List.of(3))))
        .convFilters(ints(choices.getOrDefault("filters", List.of(32))))
        .convStrides(ints(choices.getOrDefault("stride", List.of(1))))
        .pools()
        .fcSizes()
        .globalAveragePooling(false)
        .kernelRule(KernelRule.NONE)
        .build();
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The layers and choices as {@code 4:kernel=1,3:filters=16,32,64}, the form {@link #parse} reads
   * (the image size and classes are not part of it).
   */
  public String notation() {
    StringBuilder sb = new StringBuilder().append(layers);
    choices.forEach(
        (name, values) ->
            sb.append(':')
                .append(name)
                .append('=')
                .append(String.join(",", values.stream().map(String::valueOf).toList())));
    return sb.toString();
  }

  /**
   * The builder of a space written as {@code 4:kernel=1,3:filters=16,32,64}: the number of layers,
   * then each choice with its options.
   *
   * @throws IllegalArgumentException naming the part that cannot be read
   */
  public static Builder parse(String notation) {
    String[] parts = Objects.requireNonNull(notation, "notation").trim().split(":");
    Builder b;
    try {
      b = layers(Integer.parseInt(parts[0].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a choice space starts with its number of layers, as in 4:kernel=1,3:filters=16,32;"
              + " got '"
              + io.github.metaqnn4j.space.Echo.of(notation)
              + "'");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "'"
                + io.github.metaqnn4j.space.Echo.of(parts[i])
                + "' is not a choice such as kernel=1,3 (in '"
                + io.github.metaqnn4j.space.Echo.of(notation)
                + "')");
      }
      try {
        b.choice(
            kv[0].trim(),
            java.util.Arrays.stream(kv[1].split(","))
                .mapToInt(v -> Integer.parseInt(v.trim()))
                .toArray());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "the options of "
                + io.github.metaqnn4j.space.Echo.of(kv[0].trim())
                + " must be whole numbers, got '"
                + io.github.metaqnn4j.space.Echo.of(kv[1])
                + "'");
      }
    }
    return b;
  }

  @Override
  public String toString() {
    return "ChoiceSpace: "
        + layers
        + " layers of "
        + choices
        + " on "
        + imageSize
        + "x"
        + imageSize
        + ", "
        + classes
        + " classes, "
        + size()
        + " architectures";
  }

  /**
   * The most layers a choice space may have: past it, the controller's memory grows with no search
   * that would use it.
   */
  public static final int MOST_LAYERS = 64;

  /** Fluent settings of a {@link ChoiceSpace}. */
  public static final class Builder {
    private final int layers;
    private final Map<String, List<Integer>> choices = new LinkedHashMap<>();
    private int imageSize = 28;
    private int classes = 10;

    private Builder(int layers) {
      if (layers < 1) {
        throw new IllegalArgumentException("a choice space needs at least 1 layer, got " + layers);
      }
      if (layers > MOST_LAYERS) {
        throw new IllegalArgumentException(
            "a choice space has at most "
                + MOST_LAYERS
                + " layers (the controller keeps a state per decision; Zoph and Le search up to"
                + " 15 layers), got "
                + layers);
      }
      this.layers = layers;
    }

    /**
     * A choice every layer makes: {@code kernel}, {@code filters} or {@code stride}, with its
     * options.
     *
     * @throws IllegalArgumentException for another name, a repeated one, or no or bad options
     */
    public Builder choice(String name, int... values) {
      Objects.requireNonNull(name, "name");
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown choice '"
                + io.github.metaqnn4j.space.Echo.of(name)
                + "': use one of "
                + NAMES);
      }
      if (choices.containsKey(name)) {
        throw new IllegalArgumentException("the choice " + name + " is given twice");
      }
      if (values.length == 0 || Arrays.stream(values).anyMatch(v -> v < 1)) {
        throw new IllegalArgumentException(
            name + " needs positive options, got " + Arrays.toString(values));
      }
      choices.put(name, Arrays.stream(values).boxed().toList());
      return this;
    }

    /** The input's width and height (default 28). */
    public Builder imageSize(int pixels) {
      this.imageSize = pixels;
      return this;
    }

    /** The number of classes (default 10). */
    public Builder classes(int classes) {
      this.classes = classes;
      return this;
    }

    public ChoiceSpace build() {
      if (imageSize < 1 || classes < 2) {
        throw new IllegalArgumentException(
            "imageSize must be at least 1 and classes at least 2, got "
                + imageSize
                + ", "
                + classes);
      }
      if (choices.isEmpty()) {
        throw new IllegalArgumentException(
            "give at least one choice, e.g. choice(\"kernel\", 1, 3)");
      }
      return new ChoiceSpace(this);
    }
  }
}
