package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One network trained a few mini-batches at a time, with the learning rate set before each call:
 * what a controller of the training (QAN) acts on. The order of the training images is reshuffled
 * each epoch from the seed, so a run is reproducible from it.
 *
 * <pre>{@code
 * var run = TrainingRun.start(Architecture.parse("[C(16,3,1), P(2,2), SM(10)]"), data,
 *     TrainingScheme.paper().dropout(false), 1);
 * run.train(20, 1e-3);          // 20 mini-batches at learning rate 1e-3
 * run.validate();               // Validation[loss=..., accuracy=...]
 * run.epochs();                 // epochs done so far, e.g. 0.51
 * run.close();                  // frees the network's native memory now
 * }</pre>
 */
public final class TrainingRun implements AutoCloseable {
  private final MultiLayerNetwork net;
  private final Fitting.Tensors train;
  private final Fitting.Tensors validation;
  private final int batchSize;
  private final Random shuffle;
  private int[] order;
  private int position;
  private long images;
  private double lastLoss = Double.NaN;
  private int[][] classIndex;
  private int[] lastBatch = new int[0];

  /**
   * The loss and accuracy of the network on the validation images.
   *
   * @param loss mean cross-entropy
   * @param accuracy share of images whose most probable class is their label
   */
  public record Validation(double loss, double accuracy) {}

  private TrainingRun(
      MultiLayerNetwork net,
      Fitting.Tensors train,
      Fitting.Tensors validation,
      int batchSize,
      long seed) {
    this.net = net;
    this.train = train;
    this.validation = validation;
    this.batchSize = batchSize;
    this.shuffle = new Random(seed * 31 + 7);
  }

  /**
   * A freshly initialised network of {@code architecture} (the scheme's Adam, batch size and
   * dropout; its learning-rate schedule is the caller's) on {@code data}.
   *
   * @throws IllegalArgumentException when the architecture does not fit the data
   */
  public static TrainingRun start(
      Architecture architecture, Splits data, TrainingScheme scheme, long seed) {
    MultiLayerNetwork net =
        Networks.build(
            architecture, data.channels(), data.imageSize(), data.classes(), scheme, seed);
    return new TrainingRun(
        net,
        Fitting.Tensors.of(data.train()),
        Fitting.Tensors.of(data.validation()),
        scheme.batchSize(),
        seed);
  }

  /**
   * Trains {@code count} mini-batches at {@code learningRate}, starting a new shuffled epoch when
   * one ends.
   *
   * @return the mean training loss of these batches (NaN or infinite when the network diverged:
   *     training stops at that batch)
   */
  public double train(int count, double learningRate) {
    return train(count, learningRate, -1);
  }

  /**
   * Trains {@code count} mini-batches at {@code learningRate}; with {@code focusClass} 0 or more,
   * half of each batch is drawn at random from the images of that class, the other half comes from
   * the shuffled epoch as usual (QAN's mini-batch actions).
   *
   * @return the mean training loss of these batches
   * @throws IllegalArgumentException for a class the data does not have
   */
  public double train(int count, double learningRate, int focusClass) {
    if (focusClass >= train.classes()) {
      throw new IllegalArgumentException(
          "class " + focusClass + " is not in 0.." + (train.classes() - 1));
    }
    if (count < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException(
          "train at least 1 batch at a positive rate, got " + count + ", " + learningRate);
    }
    net.setLearningRate(learningRate);
    double sum = 0;
    for (int b = 0; b < count; b++) {
      if (order == null || position >= order.length) {
        order = Fitting.permutation(train.count(), shuffle);
        position = 0;
      }
      int[] members = focusClass < 0 ? new int[0] : byClass()[focusClass];
      int focused = members.length == 0 ? 0 : batchSize / 2;
      int to = Math.min(order.length, position + batchSize - focused);
      int plain = to - position;
      int[] idx = new int[plain + focused];
      System.arraycopy(order, position, idx, 0, plain);
      position = to;
      for (int k = plain; k < idx.length; k++) {
        idx[k] = members[shuffle.nextInt(members.length)];
      }
      images += idx.length;
      lastBatch = idx;
      INDArray x =
          Nd4j.pullRows(train.x(), 1, idx)
              .reshape(idx.length, train.channels(), train.imageSize(), train.imageSize());
      net.fit(new DataSet(x, Nd4j.pullRows(train.y(), 1, idx)));
      double loss = net.score();
      if (!Double.isFinite(loss)) {
        lastLoss = loss;
        return loss;
      }
      sum += loss;
    }
    lastLoss = sum / count;
    return lastLoss;
  }

  /** The labels of the last mini-batch's images (for tests). */
  int[] lastBatchLabels() {
    return java.util.Arrays.stream(lastBatch).map(i -> train.labels()[i]).toArray();
  }

  /** The training images of each class, by index. */
  private int[][] byClass() {
    if (classIndex == null) {
      int[] labels = train.labels();
      int[] counts = new int[train.classes()];
      for (int l : labels) {
        counts[l]++;
      }
      int[][] out = new int[counts.length][];
      for (int c = 0; c < counts.length; c++) {
        out[c] = new int[counts[c]];
        counts[c] = 0;
      }
      for (int i = 0; i < labels.length; i++) {
        out[labels[i]][counts[labels[i]]++] = i;
      }
      classIndex = out;
    }
    return classIndex;
  }

  /** The mean training loss of the last {@link #train} call (NaN before the first). */
  public double lastLoss() {
    return lastLoss;
  }

  /** Epochs trained so far: images trained on over the training images. */
  public double epochs() {
    return (double) images / train.count();
  }

  /** Mini-batches in one epoch. */
  public int batchesPerEpoch() {
    return (train.count() + batchSize - 1) / batchSize;
  }

  /** The mean cross-entropy and the accuracy on the validation images. */
  public Validation validate() {
    INDArray p = Fitting.probabilities(net, validation);
    int[] labels = validation.labels();
    double loss = 0;
    for (int i = 0; i < labels.length; i++) {
      loss -= Math.log(Math.max(1e-12, p.getDouble(i, labels[i])));
    }
    return new Validation(loss / labels.length, Fitting.accuracy(p, labels));
  }

  /** The L2 norm of the last mini-batch's gradient, all parameters together (0 before any). */
  public double gradientNorm() {
    var g = net.gradient();
    return g == null || g.gradient() == null ? 0 : g.gradient().norm2Number().doubleValue();
  }

  /** The L2 norm of each parameterised layer's weights, input to output. */
  public double[] layerWeightNorms() {
    List<Double> out = new ArrayList<>();
    for (Layer l : net.getLayers()) {
      if (l.numParams() > 0) {
        out.add(l.params().norm2Number().doubleValue());
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Frees the network's native memory (parameters, gradients, updater state, workspaces) now rather
   * than when the garbage collector gets to it: many runs in one process (QAN's episodes) would
   * otherwise hold gigabytes off the heap.
   */
  @Override
  public void close() {
    net.close();
  }

  /** A copy of all parameters, as one vector. */
  public INDArray parameters() {
    return net.params().dup();
  }

  /**
   * Moves the parameters {@code weight} of the way toward {@code target} (a vector from {@link
   * #parameters()} of a network of the same architecture): one gradient step of size 1 on {@code
   * weight / 2 * ||w - target||^2}.
   */
  public void pullToward(INDArray target, double weight) {
    INDArray w = net.params();
    w.addi(target.sub(w).muli(weight));
  }
}
