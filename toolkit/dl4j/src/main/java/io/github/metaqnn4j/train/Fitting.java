package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.ImageDataset;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The epoch loop shared by the search's evaluations and the finishing of the best models: images as
 * ND4J tensors, one shuffled pass of mini-batches, accuracy and class probabilities.
 */
final class Fitting {
  private static final int EVAL_BATCH = 512;

  private Fitting() {}

  /**
   * Images as tensors: pixels {@code n x (channels * size * size)}, one-hot labels and the labels.
   */
  record Tensors(INDArray x, INDArray y, int[] labels, int channels, int imageSize, int classes) {
    static Tensors of(ImageDataset d) {
      float[] oneHot = new float[d.size() * d.classes()];
      for (int i = 0; i < d.size(); i++) {
        oneHot[i * d.classes() + d.labels()[i]] = 1f;
      }
      return new Tensors(
          Nd4j.create(d.pixels(), new long[] {d.size(), d.imageLength()}, 'c'),
          Nd4j.create(oneHot, new long[] {d.size(), d.classes()}, 'c'),
          d.labels().clone(),
          d.channels(),
          d.height(),
          d.classes());
    }

    int count() {
      return labels.length;
    }

    /** Rows {@code from} to {@code to} (exclusive) as images {@code (n, c, h, w)}. */
    INDArray images(int from, int to) {
      return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
          .reshape(to - from, channels, imageSize, imageSize);
    }
  }

  /**
   * One pass over {@code train} in an order drawn from {@code shuffle}, in batches of {@code
   * batchSize}. Returns the mean training loss, or the first loss that is NaN or infinite (the
   * network diverged; the pass stops there).
   */
  static double epoch(MultiLayerNetwork net, Tensors train, int batchSize, Random shuffle) {
    return epoch(net, train, batchSize, permutation(train.count(), shuffle));
  }

  /**
   * One pass over {@code train} in the given order; as {@link #epoch(MultiLayerNetwork, Tensors,
   * int, Random)}.
   */
  static double epoch(MultiLayerNetwork net, Tensors train, int batchSize, int[] order) {
    int n = order.length;
    double lossSum = 0;
    int batches = 0;
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      int[] idx = java.util.Arrays.copyOfRange(order, from, to);
      INDArray x =
          Nd4j.pullRows(train.x(), 1, idx)
              .reshape(to - from, train.channels(), train.imageSize(), train.imageSize());
      net.fit(new DataSet(x, Nd4j.pullRows(train.y(), 1, idx)));
      double loss = net.score();
      if (!Double.isFinite(loss)) {
        return loss;
      }
      lossSum += loss;
      batches++;
    }
    return lossSum / Math.max(1, batches);
  }

  /** The class probabilities of every image, {@code n x classes}. */
  static INDArray probabilities(MultiLayerNetwork net, Tensors data) {
    int n = data.count();
    INDArray out = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, data.classes());
    for (int from = 0; from < n; from += EVAL_BATCH) {
      int to = Math.min(n, from + EVAL_BATCH);
      out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())
          .assign(net.output(data.images(from, to), false));
    }
    return out;
  }

  /** The share of images whose most probable class is their label. */
  static double accuracy(INDArray probabilities, int[] labels) {
    INDArray predicted = probabilities.argMax(1);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted.getInt(i) == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  /** The accuracy of {@code net} on {@code data}. */
  static double accuracy(MultiLayerNetwork net, Tensors data) {
    return accuracy(probabilities(net, data), data.labels());
  }

  static int[] permutation(int n, Random random) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx;
  }
}
