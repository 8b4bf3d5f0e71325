package io.github.metaqnn4j.pytorch;

import ai.djl.engine.Engine;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.train.SchemedTraining;
import io.github.metaqnn4j.train.TrainingScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Trains sampled architectures with PyTorch (2.7.1 on the CPU, through DJL) the way {@code
 * Dl4jEvaluator} trains them with Deeplearning4j: the same layers, padding, pooling, dropout rule,
 * Xavier initialisation, Adam, learning-rate decay, restarts and image order ({@link
 * SchemedTraining}), so that either engine can evaluate a search. Networks that diverge or cannot
 * be built are failed evaluations with their reasons.
 *
 * <p>The weights come from the model's seed through PyTorch's global generator: with one worker a
 * seed gives the same curve every time; with several workers at once, models draw from it in turn.
 *
 * <p>Start the JVM with glibc's malloc settings of {@code scripts/lib/native-settings}, as {@code
 * scripts/metaqnn4j} does ({@code
 * GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=268435456:glibc.malloc.mmap_threshold=67108864}):
 * without them, glibc may unmap a training step's buffers when they are freed and fault them back
 * in at the next step, which made the reference CNN about a quarter slower.
 *
 * <pre>{@code
 * var data = Datasets.fashionMnist().validation(500).subsample(2_000).load();
 * var evaluator = PyTorchEvaluator.on(data).scheme(TrainingScheme.paper().epochs(2));
 * evaluator.evaluate(Architecture.parse("[C(8,3,1), P(2,2), SM(10)]"), 1).curve();
 * }</pre>
 */
public final class PyTorchEvaluator implements Evaluator {
  private final Splits data;
  private final TrainingScheme scheme;
  private final boolean testEachEpoch;

  private PyTorchEvaluator(Splits data, TrainingScheme scheme, boolean testEachEpoch) {
    this.data = Objects.requireNonNull(data, "data");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.testEachEpoch = testEachEpoch;
  }

  /** An evaluator training on {@code data.train()} and validating on {@code data.validation()}. */
  public static PyTorchEvaluator on(Splits data) {
    return new PyTorchEvaluator(data, TrainingScheme.paper(), false);
  }

  /** The same evaluator with another training scheme. */
  public PyTorchEvaluator scheme(TrainingScheme scheme) {
    return new PyTorchEvaluator(data, scheme, testEachEpoch);
  }

  /**
   * The same evaluator also measuring test accuracy after every epoch: for recorded tables, never
   * for a search.
   */
  public PyTorchEvaluator testEachEpoch() {
    return new PyTorchEvaluator(data, scheme, true);
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
        (seed, rate) ->
            new TorchNetwork(
                architecture,
                scheme,
                data.train(),
                data.validation(),
                testEachEpoch ? data.test() : null,
                seed,
                rate));
  }

  /**
   * The training scheme and the data, as {@code Dl4jEvaluator}'s, with type {@code "pytorch"}: a
   * stored search does not resume with another engine.
   */
  @Override
  public Map<String, Object> settings() {
    return SchemedTraining.settings("pytorch", scheme, data, testEachEpoch);
  }

  /** PyTorch's and DJL's versions, PyTorch's threads, and the SHA-256 of every data file. */
  @Override
  public Map<String, Object> provenance() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("pytorch", Torch.engine().getVersion());
    p.put("djl", Engine.getDjlVersion());
    p.put("threads", Torch.threads());
    p.put("dataFiles", data.sources());
    return p;
  }
}
