package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A library that trains sampled networks by the {@link TrainingScheme}: Deeplearning4j ({@code
 * "dl4j"}, the default, always present) or PyTorch ({@code "pytorch"}, when {@code
 * io.github.metaqnn4j:metaqnn4j-pytorch} is on the class path). Engines are found with {@link
 * ServiceLoader}; the command line's {@code search --engine} picks one by name.
 *
 * <pre>{@code
 * var data = Datasets.fashionMnist().validation(500).subsample(2_000).load();
 * Evaluator evaluator = TrainingEngine.named("dl4j").evaluator(data, TrainingScheme.paper().epochs(2));
 * TrainingEngine.names();   // [dl4j] or [dl4j, pytorch]
 * }</pre>
 */
public interface TrainingEngine {
  /** The engine's name, e.g. {@code "dl4j"}. */
  String name();

  /**
   * The library and its native build in one line, e.g. {@code "PyTorch 2.7.1 through DJL 0.36.0"}
   * or Deeplearning4j's backend summary (loads the library).
   */
  String description();

  /** Models trained at once by default: one per GPU, or 1 on the CPU. */
  int workers();

  /** An evaluator training on {@code data.train()} by {@code scheme}, validating on validation. */
  Evaluator evaluator(Splits data, TrainingScheme scheme);

  /**
   * Shares the CPU between {@code workers} models training at once (threads per operation become
   * cores / workers); returns the threads each operation may now use, or 0 where the engine trains
   * on GPUs.
   */
  int shareCpu(int workers);

  /** The names of the engines on the class path, the default first. */
  static List<String> names() {
    return engines().stream().map(TrainingEngine::name).toList();
  }

  /**
   * The engine called {@code name}.
   *
   * @throws IllegalArgumentException naming the engines there are, and for {@code "pytorch"} the
   *     artifact that brings it
   */
  static TrainingEngine named(String name) {
    for (TrainingEngine e : engines()) {
      if (e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    String hint =
        "pytorch".equalsIgnoreCase(name)
            ? "; the PyTorch engine is in io.github.metaqnn4j:metaqnn4j-pytorch, which is not on"
                + " the class path"
            : "";
    throw new IllegalArgumentException(
        "no training engine \"" + name + "\": there are " + names() + hint);
  }

  private static List<TrainingEngine> engines() {
    List<TrainingEngine> all = new ArrayList<>();
    all.add(new Dl4jEngine());
    for (TrainingEngine e : ServiceLoader.load(TrainingEngine.class)) {
      if (!e.name().equals("dl4j")) {
        all.add(e);
      }
    }
    return all;
  }
}
