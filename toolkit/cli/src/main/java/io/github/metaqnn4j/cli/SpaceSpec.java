package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.KernelRule;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Padding;
import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.StateSpace;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The {@code --space} option: a preset name (small, paper, cifar10, svhn, mnist) or a {@code
 * .properties} file of state-space settings, each a method of {@link StateSpace.Builder}:
 *
 * <pre>
 * preset = small
 * maxDepth = 8
 * convFilters = 16, 32
 * pools = P(2,2), P(3,2)
 * globalAveragePooling = false
 * </pre>
 */
final class SpaceSpec {
  static final String PRESETS = "small, paper, cifar10, svhn or mnist";
  private static final List<String> KEYS =
      List.of(
          "preset",
          "name",
          "imageSize",
          "classes",
          "minDepth",
          "maxDepth",
          "convFilters",
          "convKernels",
          "convStrides",
          "pools",
          "fcSizes",
          "maxConsecutiveFc",
          "fcFromBins",
          "sizeBins",
          "padding",
          "initialPooling",
          "consecutivePooling",
          "globalAveragePooling",
          "kernelRule",
          "fcNonIncreasing");

  private SpaceSpec() {}

  /**
   * Builds the space {@code value} describes (with {@code maxDepth} when given) to run every check
   * of its settings before anything loads.
   *
   * @throws picocli.CommandLine.ParameterException naming the option, the file and the setting
   */
  static void check(picocli.CommandLine.Model.CommandSpec spec, String value, Integer maxDepth) {
    try {
      StateSpace.Builder b = resolve(value);
      if (maxDepth != null) {
        b = b.maxDepth(maxDepth);
      }
      b.build(); // the builder's own checks (filters, depths, bins) at the preset's image size
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--space " + value + ": " + e.getMessage());
    }
  }

  /**
   * The builder a preset name or a settings file describes.
   *
   * @throws IllegalArgumentException naming the unknown preset, the file or the bad setting
   */
  static StateSpace.Builder resolve(String value) {
    StateSpace.Builder preset = preset(value);
    if (preset != null) {
      return preset;
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "unknown space '" + value + "': use " + PRESETS + ", or a .properties file of settings");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the space file " + file + ": " + e, e);
    }
    TreeSet<String> unknown = new TreeSet<>(p.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": unknown settings " + unknown + "; the settings are " + KEYS);
    }
    String base = p.getProperty("preset", "paper").strip();
    StateSpace.Builder b = preset(base);
    if (b == null) {
      throw new IllegalArgumentException(file + ": unknown preset '" + base + "': use " + PRESETS);
    }
    for (String key : KEYS.subList(1, KEYS.size())) {
      String v = p.getProperty(key);
      if (v != null) {
        try {
          apply(b, key, v.strip());
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              file + ": " + key + " = " + v.strip() + ": " + e.getMessage(), e);
        }
      }
    }
    return b;
  }

  private static StateSpace.Builder preset(String name) {
    return switch (name) {
      case "small" -> StateSpace.small();
      case "paper" -> StateSpace.paper();
      case "cifar10" -> StateSpace.cifar10();
      case "svhn" -> StateSpace.svhn();
      case "mnist" -> StateSpace.mnist();
      default -> null;
    };
  }

  private static void apply(StateSpace.Builder b, String key, String v) {
    switch (key) {
      case "name" -> b.name(v);
      case "imageSize" -> b.imageSize(Integer.parseInt(v));
      case "classes" -> b.classes(Integer.parseInt(v));
      case "minDepth" -> b.minDepth(Integer.parseInt(v));
      case "maxDepth" -> b.maxDepth(Integer.parseInt(v));
      case "convFilters" -> b.convFilters(ints(v));
      case "convKernels" -> b.convKernels(ints(v));
      case "convStrides" -> b.convStrides(ints(v));
      case "pools" -> b.pools(pools(v));
      case "fcSizes" -> b.fcSizes(ints(v));
      case "maxConsecutiveFc" -> b.maxConsecutiveFc(Integer.parseInt(v));
      case "fcFromBins" -> b.fcFromBins(ints(v));
      case "sizeBins" -> b.sizeBins(ints(v));
      case "padding" -> b.padding(Padding.valueOf(v.toUpperCase(Locale.ROOT)));
      case "initialPooling" -> b.initialPooling(bool(v));
      case "consecutivePooling" -> b.consecutivePooling(bool(v));
      case "globalAveragePooling" -> b.globalAveragePooling(bool(v));
      case "kernelRule" -> b.kernelRule(KernelRule.valueOf(v.toUpperCase(Locale.ROOT)));
      case "fcNonIncreasing" -> b.fcNonIncreasing(bool(v));
      default -> throw new IllegalStateException("unhandled setting " + key);
    }
  }

  private static int[] ints(String v) {
    return v.isEmpty()
        ? new int[0]
        : Arrays.stream(v.split("\\s*,\\s*")).mapToInt(Integer::parseInt).toArray();
  }

  private static Pool[] pools(String v) {
    if (v.isEmpty()) {
      return new Pool[0];
    }
    List<Layer> layers = Architecture.parse(v).layers();
    Pool[] pools = new Pool[layers.size()];
    for (int i = 0; i < pools.length; i++) {
      if (!(layers.get(i) instanceof Pool p)) {
        throw new IllegalArgumentException(layers.get(i) + " is not a pooling layer P(f,l)");
      }
      pools[i] = p;
    }
    return pools;
  }

  private static boolean bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("not true or false");
    };
  }
}
