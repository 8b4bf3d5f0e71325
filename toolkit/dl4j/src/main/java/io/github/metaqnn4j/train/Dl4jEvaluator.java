package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.space.Architecture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains sampled architectures with Deeplearning4j on a dataset's training split and reports the
 * validation accuracy after every epoch: the {@link Evaluator} of a real search.
 *
 * <p>Follows {@link TrainingScheme}: Adam, step decay of the learning rate, restarts with a lower
 * learning rate when the first epoch is no better than chance. A network that diverges (the loss
 * becomes NaN or infinite), does not fit in memory, or cannot be built is returned as a failed
 * evaluation with its reason, so the search goes on.
 *
 * <pre>{@code
 * var data = Datasets.fashionMnist().validation(500).subsample(2_000).load();
 * var evaluator = Dl4jEvaluator.on(data).scheme(TrainingScheme.paper().epochs(2));
 * evaluator.evaluate(Architecture.parse("[C(8,3,1), P(2,2), SM(10)]"), 1).curve();
 * }</pre>
 */
public final class Dl4jEvaluator implements Evaluator {
  private final Splits data;
  private final TrainingScheme scheme;
  private final boolean testEachEpoch;
  private volatile Tensors tensors;

  private record Tensors(Fitting.Tensors train, Fitting.Tensors validation, Fitting.Tensors test) {}

  private Dl4jEvaluator(Splits data, TrainingScheme scheme, boolean testEachEpoch, Tensors t) {
    this.data = Objects.requireNonNull(data, "data");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.testEachEpoch = testEachEpoch;
    this.tensors = t;
  }

  /** An evaluator training on {@code data.train()} and validating on {@code data.validation()}. */
  public static Dl4jEvaluator on(Splits data) {
    return new Dl4jEvaluator(data, TrainingScheme.paper(), false, null);
  }

  /** The same evaluator with another training scheme. */
  public Dl4jEvaluator scheme(TrainingScheme scheme) {
    return new Dl4jEvaluator(data, scheme, testEachEpoch, tensors);
  }

  /**
   * The same evaluator also measuring test accuracy after every epoch ({@link Epoch#testAccuracy}):
   * for recorded benchmark tables, never for a search, which must not look at the test set.
   */
  public Dl4jEvaluator testEachEpoch() {
    Tensors t = tensors;
    return new Dl4jEvaluator(data, scheme, true, t != null && t.test() != null ? t : null);
  }

  public TrainingScheme scheme() {
    return scheme;
  }

  public Splits data() {
    return data;
  }

  /** Trains one architecture on its own (no search), with the given seed. */
  public Evaluation evaluate(Architecture architecture, long seed) {
    return evaluate(architecture, EvaluationContext.standalone(architecture, seed));
  }

  @Override
  public Evaluation evaluate(Architecture architecture, EvaluationContext context) {
    long start = System.nanoTime();
    NetworkStats stats =
        Networks.stats(architecture, data.channels(), data.imageSize(), data.classes());
    Map<String, Double> sizes =
        Map.of("parameters", (double) stats.parameters(), "flops", (double) stats.flops());
    try {
      Devices.bind(context.worker());
      Tensors t = tensors();
      double chance = 1.0 / data.classes() + scheme.chanceMargin();
      for (int restart = 0; ; restart++) {
        Attempt a = attempt(architecture, context, t, restart, chance);
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
        return e.withMetrics(
            Map.of(
                "parameters", (double) stats.parameters(),
                "flops", (double) stats.flops(),
                "restarts", (double) restart,
                "learningRate", scheme.learningRateAt(1, restart)));
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      // out of memory by its type (ND4J's allocators throw OutOfMemoryError); other errors end
      // the search
      return Evaluation.failedBy(e, seconds(start)).withMetrics(sizes);
    }
  }

  /**
   * The training scheme and the data (dataset, seed, subsample, split sizes, preprocessing): what
   * decides this evaluator's curves.
   */
  @Override
  public Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", "dl4j");
    s.put("training", scheme);
    s.put("data", data.description());
    s.put("images", Map.of("train", data.train().size(), "validation", data.validation().size()));
    s.put("testEachEpoch", testEachEpoch);
    return s;
  }

  /**
   * The ND4J backend with its native build flags, the helpers path (oneDNN, plain or CUDA), the
   * Deeplearning4j version, and the SHA-256 of every data file.
   */
  @Override
  public Map<String, Object> provenance() {
    BackendReport backend = CpuAcceleration.ensure();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("deeplearning4j", Devices.libraryVersion());
    p.put("backend", backend.backend());
    p.put("nativeBuild", backend.nativeBuild());
    p.put("helpers", backend.path());
    p.put("devices", Devices.workers());
    p.put("dataFiles", data.sources());
    return p;
  }

  private static final class Attempt {
    String failure;
    boolean restart;
    boolean stopped;
  }

  private Attempt attempt(
      Architecture architecture, EvaluationContext context, Tensors t, int restart, double chance) {
    Attempt result = new Attempt();
    MultiLayerNetwork net;
    try {
      net =
          Networks.build(
              architecture,
              data.channels(),
              data.imageSize(),
              data.classes(),
              scheme,
              context.seed() + restart,
              scheme.learningRateAt(1, restart));
    } catch (RuntimeException e) {
      result.failure = "cannot build the network: " + e.getMessage();
      return result;
    }
    Random shuffle = new Random(context.seed() * 31 + restart);
    try {
      for (int epoch = 1; epoch <= scheme.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        double rate = scheme.learningRateAt(epoch, restart);
        net.setLearningRate(rate);
        double loss = Fitting.epoch(net, t.train(), scheme.batchSize(), shuffle);
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
        double accuracy = Fitting.accuracy(net, t.validation());
        if (epoch == 1 && accuracy <= chance && restart < scheme.maxRestarts()) {
          result.restart = true;
          return result;
        }
        double secs = (System.nanoTime() - epochStart) / 1e9; // training and validation only
        double test = testEachEpoch ? Fitting.accuracy(net, t.test()) : Double.NaN;
        if (!context.epochDone(new Epoch(epoch, accuracy, loss, secs, test))) {
          result.stopped = true;
          return result;
        }
      }
      return result;
    } finally {
      net.close(); // its native memory now, not when the collector gets to it
    }
  }

  private Tensors tensors() {
    Tensors t = tensors;
    if (t == null) {
      synchronized (this) {
        t = tensors;
        if (t == null) {
          CpuAcceleration.ensure();
          t =
              new Tensors(
                  Fitting.Tensors.of(data.train()),
                  Fitting.Tensors.of(data.validation()),
                  testEachEpoch ? Fitting.Tensors.of(data.test()) : null);
          tensors = t;
        }
      }
    }
    return t;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
