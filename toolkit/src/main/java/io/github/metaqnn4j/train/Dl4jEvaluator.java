package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.ImageDataset;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.Evaluation;
import io.github.metaqnn4j.search.EvaluationContext;
import io.github.metaqnn4j.search.Evaluator;
import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
  private volatile Tensors tensors;

  private record Tensors(INDArray trainX, INDArray trainY, INDArray validX, int[] validLabels) {}

  private Dl4jEvaluator(Splits data, TrainingScheme scheme, Tensors tensors) {
    this.data = Objects.requireNonNull(data, "data");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.tensors = tensors;
  }

  /** An evaluator training on {@code data.train()} and validating on {@code data.validation()}. */
  public static Dl4jEvaluator on(Splits data) {
    return new Dl4jEvaluator(data, TrainingScheme.paper(), null);
  }

  /** The same evaluator with another training scheme. */
  public Dl4jEvaluator scheme(TrainingScheme scheme) {
    return new Dl4jEvaluator(data, scheme, tensors);
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
    } catch (OutOfMemoryError e) {
      return Evaluation.failed("out of memory: " + e.getMessage(), seconds(start))
          .withMetrics(sizes);
    } catch (RuntimeException e) {
      String msg = String.valueOf(e.getMessage());
      String kind =
          msg.contains("allocate") || msg.contains("memory") ? "out of memory" : "cannot train";
      return Evaluation.failed(
              kind + ": " + e.getClass().getSimpleName() + ": " + msg, seconds(start))
          .withMetrics(sizes);
    }
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
    int n = (int) t.trainX.size(0);
    for (int epoch = 1; epoch <= scheme.epochs(); epoch++) {
      long epochStart = System.nanoTime();
      net.setLearningRate(scheme.learningRateAt(epoch, restart));
      int[] order = permutation(n, shuffle);
      double lossSum = 0;
      int batches = 0;
      for (int from = 0; from < n; from += scheme.batchSize()) {
        int to = Math.min(n, from + scheme.batchSize());
        int[] idx = java.util.Arrays.copyOfRange(order, from, to);
        INDArray x = Nd4j.pullRows(t.trainX, 1, idx);
        INDArray y = Nd4j.pullRows(t.trainY, 1, idx);
        net.fit(
            new DataSet(
                x.reshape(to - from, data.channels(), data.imageSize(), data.imageSize()), y));
        double loss = net.score();
        if (!Double.isFinite(loss)) {
          result.failure =
              "diverged: the training loss became "
                  + loss
                  + " in epoch "
                  + epoch
                  + " (learning rate "
                  + scheme.learningRateAt(epoch, restart)
                  + ")";
          return result;
        }
        lossSum += loss;
        batches++;
      }
      double accuracy = accuracy(net, t);
      if (epoch == 1 && accuracy <= chance && restart < scheme.maxRestarts()) {
        result.restart = true;
        return result;
      }
      double secs = (System.nanoTime() - epochStart) / 1e9;
      if (!context.epochDone(new Epoch(epoch, accuracy, lossSum / Math.max(1, batches), secs))) {
        result.stopped = true;
        return result;
      }
    }
    return result;
  }

  private double accuracy(MultiLayerNetwork net, Tensors t) {
    int n = t.validLabels.length;
    int correct = 0;
    for (int from = 0; from < n; from += 512) {
      int to = Math.min(n, from + 512);
      INDArray x =
          t.validX
              .get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
              .reshape(to - from, data.channels(), data.imageSize(), data.imageSize());
      INDArray predicted = net.output(x, false).argMax(1);
      for (int i = from; i < to; i++) {
        if (predicted.getInt(i - from) == t.validLabels[i]) {
          correct++;
        }
      }
    }
    return (double) correct / n;
  }

  private Tensors tensors() {
    Tensors t = tensors;
    if (t == null) {
      synchronized (this) {
        t = tensors;
        if (t == null) {
          CpuAcceleration.ensure();
          ImageDataset train = data.train();
          ImageDataset valid = data.validation();
          t =
              new Tensors(
                  Nd4j.create(train.pixels(), new long[] {train.size(), train.imageLength()}, 'c'),
                  oneHot(train),
                  Nd4j.create(valid.pixels(), new long[] {valid.size(), valid.imageLength()}, 'c'),
                  valid.labels().clone());
          tensors = t;
        }
      }
    }
    return t;
  }

  private static INDArray oneHot(ImageDataset d) {
    float[] y = new float[d.size() * d.classes()];
    for (int i = 0; i < d.size(); i++) {
      y[i * d.classes() + d.labels()[i]] = 1f;
    }
    return Nd4j.create(y, new long[] {d.size(), d.classes()}, 'c');
  }

  private static int[] permutation(int n, Random random) {
    List<Integer> idx = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      idx.add(i);
    }
    java.util.Collections.shuffle(idx, random);
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
