package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.space.Architecture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
    return SchemedTraining.evaluate(
        architecture,
        context,
        scheme,
        data,
        (seed, rate) -> {
          Devices.bind(context.worker());
          return new Network(tensors(), build(architecture, seed, rate));
        });
  }

  private MultiLayerNetwork build(Architecture architecture, long seed, double rate) {
    return Networks.build(
        architecture, data.channels(), data.imageSize(), data.classes(), scheme, seed, rate);
  }

  /** A Deeplearning4j network as the scheme drives it. */
  private final class Network implements SchemedTraining.Network {
    private final Tensors t;
    private final MultiLayerNetwork net;

    Network(Tensors t, MultiLayerNetwork net) {
      this.t = t;
      this.net = net;
    }

    @Override
    public double epoch(int[] order, double learningRate) {
      net.setLearningRate(learningRate);
      return Fitting.epoch(net, t.train(), scheme.batchSize(), order);
    }

    @Override
    public double validationAccuracy() {
      return Fitting.accuracy(net, t.validation());
    }

    @Override
    public double testAccuracy() {
      return testEachEpoch ? Fitting.accuracy(net, t.test()) : Double.NaN;
    }

    @Override
    public void close() {
      net.close(); // its native memory now, not when the collector gets to it
    }
  }

  /**
   * The training scheme and the data (dataset, seed, subsample, split sizes, preprocessing): what
   * decides this evaluator's curves.
   */
  @Override
  public Map<String, Object> settings() {
    return SchemedTraining.settings("dl4j", scheme, data, testEachEpoch);
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
}
