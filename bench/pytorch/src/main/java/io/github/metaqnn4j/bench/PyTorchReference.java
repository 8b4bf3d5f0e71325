package io.github.metaqnn4j.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Provenance;
import java.io.IOException;
import java.util.Arrays;

/**
 * The reference CNN of {@code TrainingBenchmark} trained with PyTorch 2.7.1 through DJL: conv
 * 3x3x32 (same padding), ReLU, max-pool 2, conv 3x3x64, ReLU, max-pool 2, FC 128 ReLU, FC 10,
 * softmax cross-entropy; Xavier-normal initialisation (as Deeplearning4j's XAVIER), Adam 1e-3,
 * batch 128, no dropout, on the same Fashion-MNIST images. Prints one {@code RESULT} line in the
 * same form, for {@code scripts/bench-train-pytorch}.
 *
 * <pre>{@code
 * java -cp ... io.github.metaqnn4j.bench.PyTorchReference pytorch 40 200 7
 * }</pre>
 */
public final class PyTorchReference {
  private PyTorchReference() {}

  public static void main(String[] args) throws IOException {
    String label = args.length > 0 ? args[0] : "pytorch";
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    int batch = 128;
    Splits data =
        Datasets.fashionMnist().validation(1_000).subsample(batch * 40 + 1_000).seed(1).load();
    SequentialBlock net =
        new SequentialBlock()
            .add(conv(32))
            .add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(conv(64))
            .add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(128).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(10).build());
    net.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.AVG, 1),
        Parameter.Type.WEIGHT);
    try (Model model = Model.newInstance("reference-cnn")) {
      model.setBlock(net);
      var config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(batch, 1, 28, 28));
        NDManager m = trainer.getManager();
        int available = data.train().size() / batch;
        NDArray[] xs = new NDArray[available];
        NDArray[] ys = new NDArray[available];
        float[] pixels = data.train().pixels();
        int[] labels = data.train().labels();
        for (int b = 0; b < available; b++) {
          xs[b] =
              m.create(
                  Arrays.copyOfRange(pixels, b * batch * 784, (b + 1) * batch * 784),
                  new Shape(batch, 1, 28, 28));
          ys[b] =
              m.create(Arrays.copyOfRange(labels, b * batch, (b + 1) * batch))
                  .toType(DataType.FLOAT32, false);
        }
        for (int b = 0; b < warmUp; b++) {
          step(trainer, xs[b % available], ys[b % available]);
        }
        double[] rate = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          long start = System.nanoTime();
          for (int b = 0; b < batches; b++) {
            step(trainer, xs[b % available], ys[b % available]);
          }
          rate[r] = batches * batch / ((System.nanoTime() - start) / 1e9);
        }
        double[] sorted = rate.clone();
        Arrays.sort(sorted);
        System.out.printf(
            "RESULT %-12s %7.0f img/s median of %d rounds of %d batches of %d (range %.0f-%.0f,"
                + " after %d to warm up)  peak RSS %4d MiB  %s %s, %d threads%n",
            label,
            sorted[rounds / 2],
            rounds,
            batches,
            batch,
            sorted[0],
            sorted[rounds - 1],
            warmUp,
            Provenance.peakMemoryMib(),
            Engine.getInstance().getEngineName(),
            Engine.getInstance().getVersion(),
            Runtime.getRuntime().availableProcessors());
      }
    }
  }

  private static Conv2d conv(int filters) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .setFilters(filters)
        .build();
  }

  /**
   * One Adam step on a batch. The batch is attached to a manager of its own for the step, so that
   * the step's activations and gradients are freed with it (as DJL's EasyTrain does).
   */
  private static void step(Trainer trainer, NDArray x, NDArray y) {
    try (NDManager step = trainer.getManager().newSubManager()) {
      x.tempAttach(step);
      y.tempAttach(step);
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDList prediction = trainer.forward(new NDList(x));
        NDArray loss = trainer.getLoss().evaluate(new NDList(y), prediction);
        gc.backward(loss);
      }
      trainer.step();
    }
  }
}
