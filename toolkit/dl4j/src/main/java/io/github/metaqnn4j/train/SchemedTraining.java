package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The training scheme's epoch loop, the same for every engine: the learning rate of each epoch, the
 * shuffled order of the training images (drawn from the model's seed and restart), restarts when
 * the model is no better than chance after the scheme's {@link TrainingScheme#restartCheckUpdates}
 * updates (epochs before that check are reported once it passes), divergence, and the stopping rule
 * asked after every epoch. An engine supplies only a {@link Network} that trains one epoch in a
 * given order and measures accuracy ({@link Dl4jEvaluator} with Deeplearning4j; {@code
 * metaqnn4j-pytorch} with PyTorch), so that both engines train the same way.
 *
 * <pre>{@code
 * Evaluation e = SchemedTraining.evaluate(arch, context, scheme, data,
 *     (seed, rate) -> myEngine.build(arch, seed, rate));
 * }</pre>
 */
public final class SchemedTraining {
  private SchemedTraining() {}

  /** One engine's network, as the scheme drives it. */
  public interface Network extends AutoCloseable {
    /**
     * One pass over the training images in {@code order} (indices into the training split), in
     * batches of the scheme's size, at {@code learningRate}; returns the mean training loss, or the
     * first loss that is NaN or infinite (the pass stops there).
     */
    double epoch(int[] order, double learningRate);

    /** The accuracy on the validation split. */
    double validationAccuracy();

    /** The accuracy on the test split, or NaN where the evaluator does not measure it. */
    double testAccuracy();

    /** Frees the network's memory (native memory at once, not when the collector runs). */
    @Override
    void close();
  }

  /** Builds a fresh network for one attempt. */
  @FunctionalInterface
  public interface NetworkBuilder {
    /** A network initialised from {@code seed}, for Adam at {@code learningRate}. */
    Network build(long seed, double learningRate);
  }

  /**
   * Trains {@code architecture} by {@code scheme}, reporting each epoch to {@code context}.
   * Failures to build, divergence, and runtime errors or out of memory while training are failed
   * evaluations with their reasons.
   *
   * @param data the splits the networks train on: the orders are permutations of the training
   *     split, chance is one over its classes, and the architecture's parameters and FLOPs on its
   *     images are recorded as metrics
   */
  public static Evaluation evaluate(
      Architecture architecture,
      EvaluationContext context,
      TrainingScheme scheme,
      Splits data,
      NetworkBuilder builder) {
    long start = System.nanoTime();
    int trainImages = data.train().size();
    int classes = data.classes();
    NetworkStats stats = Networks.stats(architecture, data.channels(), data.imageSize(), classes);
    Map<String, Double> sizes =
        Map.of("parameters", (double) stats.parameters(), "flops", (double) stats.flops());
    try {
      double chance = 1.0 / classes + scheme.chanceMargin();
      for (int restart = 0; ; restart++) {
        Attempt a = attempt(context, scheme, trainImages, builder, restart, chance);
        if (a.failure != null) {
          return Evaluation.failed(a.failure, seconds(start)).withMetrics(sizes);
        }
        if (a.restart && restart < scheme.maxRestarts()) {
          continue;
        }
        Evaluation e =
            a.stopped
                ? Evaluation.stoppedEarly(context.curve(), seconds(start))
                : Evaluation.completed(context.curve(), seconds(start));
        return e.withMetrics(sizes)
            .withMetrics(
                Map.of(
                    "restarts",
                    (double) restart,
                    "learningRate",
                    scheme.learningRateAt(1, restart)));
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      // out of memory by its type (native allocators throw OutOfMemoryError); other errors end
      // the search
      return Evaluation.failedBy(e, seconds(start)).withMetrics(sizes);
    }
  }

  /**
   * The settings of an evaluator that trains by {@code scheme} on {@code data}: the engine, the
   * scheme, the data's description and split sizes, and whether test accuracy is measured. Stored
   * with a search and compared when it resumes, so that a search continues only with the same
   * engine, scheme and data.
   */
  public static Map<String, Object> settings(
      String engine, TrainingScheme scheme, Splits data, boolean testEachEpoch) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", engine);
    s.put("training", scheme);
    s.put("data", data.description());
    s.put("images", Map.of("train", data.train().size(), "validation", data.validation().size()));
    s.put("testEachEpoch", testEachEpoch);
    return s;
  }

  private static final class Attempt {
    String failure;
    boolean restart;
    boolean stopped;
  }

  private static Attempt attempt(
      EvaluationContext context,
      TrainingScheme scheme,
      int trainImages,
      NetworkBuilder builder,
      int restart,
      double chance) {
    Attempt result = new Attempt();
    Network net;
    try {
      net = builder.build(context.seed() + restart, scheme.learningRateAt(1, restart));
    } catch (RuntimeException e) {
      result.failure = "cannot build the network: " + e.getMessage();
      return result;
    }
    Random shuffle = new Random(context.seed() * 31 + restart);
    int updatesPerEpoch = (trainImages + scheme.batchSize() - 1) / scheme.batchSize();
    int checkEpoch = restart < scheme.maxRestarts() ? scheme.restartCheckEpoch(updatesPerEpoch) : 0;
    // epochs before the restart check are held back: a network that restarts reports none of them
    List<Epoch> held = new ArrayList<>();
    try (net) {
      for (int epoch = 1; epoch <= scheme.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        double rate = scheme.learningRateAt(epoch, restart);
        double loss = net.epoch(Fitting.permutation(trainImages, shuffle), rate);
        if (!Double.isFinite(loss)) {
          result.failure =
              "diverged: the training loss became "
                  + loss
                  + " in epoch "
                  + epoch
                  + " (learning rate "
                  + rate
                  + ")";
          return result;
        }
        double accuracy = net.validationAccuracy();
        if (epoch == checkEpoch && accuracy <= chance) {
          result.restart = true;
          return result;
        }
        double secs = (System.nanoTime() - epochStart) / 1e9; // training and validation only
        held.add(new Epoch(epoch, accuracy, loss, secs, net.testAccuracy()));
        if (epoch < checkEpoch) {
          continue;
        }
        for (Epoch e : held) {
          if (!context.epochDone(e)) {
            result.stopped = true;
            return result;
          }
        }
        held.clear();
      }
      return result;
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
