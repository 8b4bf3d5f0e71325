package io.github.metaqnn4j.pytorch;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.metaqnn4j.data.ImageDataset;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.train.SchemedTraining;
import io.github.metaqnn4j.train.TrainingScheme;

/**
 * One network trained by PyTorch: a DJL model and trainer with Adam (the scheme's betas and
 * epsilon; the learning rate set per epoch), softmax cross-entropy on the logits, the mean over the
 * batch. The images are copied to PyTorch once per network; each pass gathers them there in its
 * order at once, each step takes its batch as a view of that, and each step's tensors live in a
 * manager of their own, freed when the step ends.
 */
final class TorchNetwork implements SchemedTraining.Network {
  private static final int EVAL_BATCH = 512;

  private final Model model;
  private final Trainer trainer;
  private final TrainingScheme scheme;
  private final NDArray trainImages;
  private final NDArray trainLabels;
  private final NDArray validationImages;
  private final NDArray testImages;
  private final int[] validationLabels;
  private final int[] testLabels;
  private volatile float rate;

  /**
   * A fresh network for {@code architecture}, its weights drawn from {@code seed}.
   *
   * @param test the test images to measure after every epoch, or null
   */
  TorchNetwork(
      Architecture architecture,
      TrainingScheme scheme,
      ImageDataset train,
      ImageDataset validation,
      ImageDataset test,
      long seed,
      double learningRate) {
    this.scheme = scheme;
    this.validationLabels = validation.labels();
    this.testLabels = test == null ? null : test.labels();
    this.rate = (float) learningRate;
    ConvolutionCheck.require();
    Torch.seed(seed);
    model = Model.newInstance("metaqnn4j", Device.cpu(), Torch.ENGINE);
    try {
      model.setBlock(
          TorchNetworks.build(
              architecture, train.channels(), train.height(), train.classes(), scheme));
      Tracker tracker = update -> rate;
      Optimizer adam =
          Optimizer.adam()
              .optLearningRateTracker(tracker)
              .optBeta1((float) scheme.beta1())
              .optBeta2((float) scheme.beta2())
              .optEpsilon((float) scheme.adamEpsilon())
              .build();
      trainer =
          model.newTrainer(
              new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam));
      trainer.initialize(new Shape(1, train.channels(), train.height(), train.width()));
      NDManager data = model.getNDManager();
      trainImages = images(data, train);
      trainLabels = labels(data, train);
      validationImages = images(data, validation);
      testImages = test == null ? null : images(data, test);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The network's layers and parameters (for tests that set its weights). */
  Block block() {
    return model.getBlock();
  }

  @Override
  public double epoch(int[] order, double learningRate) {
    rate = (float) learningRate;
    int batchSize = scheme.batchSize();
    double lossSum = 0;
    int batches = 0;
    try (NDManager pass = trainer.getManager().newSubManager()) {
      // the whole pass in its order, gathered once: each step then takes a view, allocating nothing
      long[] rows = new long[order.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = order[i];
      }
      NDIndex all = new NDIndex("{}", pass.create(rows));
      NDArray images = trainImages.get(all);
      NDArray labels = trainLabels.get(all);
      images.attach(pass);
      labels.attach(pass);
      for (int from = 0; from < order.length; from += batchSize) {
        int to = Math.min(order.length, from + batchSize);
        double loss = step(images, labels, new NDIndex(from + ":" + to));
        if (!Double.isFinite(loss)) {
          return loss;
        }
        lossSum += loss;
        batches++;
      }
    }
    return lossSum / Math.max(1, batches);
  }

  /** One Adam step on the rows {@code batch} of the pass; returns the batch's mean loss. */
  private double step(NDArray images, NDArray labels, NDIndex batch) {
    try (NDManager step = trainer.getManager().newSubManager()) {
      NDArray x = images.get(batch);
      NDArray y = labels.get(batch);
      x.attach(step); // views, freed with the step
      y.attach(step);
      double loss;
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDList prediction = trainer.forward(new NDList(x));
        NDArray l = trainer.getLoss().evaluate(new NDList(y), prediction);
        loss = l.getFloat();
        gc.backward(l);
      }
      trainer.step();
      return loss;
    }
  }

  @Override
  public double validationAccuracy() {
    return accuracy(validationImages, validationLabels);
  }

  @Override
  public double testAccuracy() {
    return testImages == null ? Double.NaN : accuracy(testImages, testLabels);
  }

  /** The share of {@code images} whose most probable class is their label. */
  private double accuracy(NDArray images, int[] labels) {
    int correct = 0;
    int n = labels.length;
    for (int from = 0; from < n; from += EVAL_BATCH) {
      int to = Math.min(n, from + EVAL_BATCH);
      try (NDManager m = trainer.getManager().newSubManager()) {
        NDArray part = images.get(new NDIndex(from + ":" + to));
        part.attach(m);
        NDArray logits = trainer.evaluate(new NDList(part)).head();
        long[] predicted = logits.argMax(1).toLongArray();
        for (int i = 0; i < predicted.length; i++) {
          if (predicted[i] == labels[from + i]) {
            correct++;
          }
        }
      }
    }
    return (double) correct / n;
  }

  /** All images of {@code d} as one tensor {@code (n, c, h, w)}, copied to PyTorch once. */
  private static NDArray images(NDManager m, ImageDataset d) {
    return m.create(d.pixels(), new Shape(d.size(), d.channels(), d.height(), d.width()));
  }

  /** The labels of {@code d} as floats, as the loss takes them. */
  private static NDArray labels(NDManager m, ImageDataset d) {
    float[] labels = new float[d.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = d.labels()[i];
    }
    return m.create(labels);
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
