package io.github.metaqnn4j.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.metaqnn4j.data.ImageDataset;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.train.Networks;
import io.github.metaqnn4j.train.TrainingScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The PyTorch network computes what the Deeplearning4j network computes: with Deeplearning4j's
 * weights copied in, both give the same class probabilities for the same images, layer semantics
 * and all (SAME padding, odd padding at the bottom right, strides, pooling sizes, the flattening
 * order, GAP).
 */
class TorchNetworksTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "[C(8,3,1), P(2,2), C(16,5,1), P(3,2), FC(32), SM(10)]",
        "[C(6,4,2), C(8,3,2), P(2,1), FC(12), FC(10), SM(10)]", // even kernel, stride 2: odd pads
        "[C(8,1,1), C(8,3,1), P(5,3), GAP(10), SM(10)]",
        "[P(2,2), FC(16), SM(10)]",
        "[SM(10)]"
      })
  void theSameWeightsGiveTheSameProbabilitiesAsDeeplearning4j(String notation) {
    Architecture arch = Architecture.parse(notation);
    TrainingScheme scheme = TrainingScheme.paper().dropout(false);
    MultiLayerNetwork dl4j = Networks.build(arch, 1, 28, 10, scheme, 3);
    float[] images = new float[4 * 28 * 28];
    Random r = new Random(5);
    for (int i = 0; i < images.length; i++) {
      images[i] = r.nextFloat();
    }
    INDArray expected = dl4j.output(Nd4j.create(images, new long[] {4, 1, 28, 28}, 'c'), false);
    try (NDManager m = NDManager.newBaseManager(Torch.ENGINE)) {
      SequentialBlock block = TorchNetworks.build(arch, 1, 28, 10, scheme);
      block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      copyWeights(dl4j, block);
      NDArray logits =
          block
              .forward(
                  new ParameterStore(m, false),
                  new NDList(m.create(images, new Shape(4, 1, 28, 28))),
                  false)
              .head();
      float[] actual = logits.softmax(1).toFloatArray();
      assertArrayEquals(expected.data().asFloat(), actual, 2e-5f, notation);
    }
    dl4j.close();
  }

  /**
   * Training matches too: from the same weights, ten Adam steps on the same batches (learning rate
   * 1e-3 for five, 2e-3 for five) leave both networks giving the same probabilities. Loss, its
   * gradient, Adam's update and its bias correction, and the learning rate set per epoch all agree.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "[C(8,3,1), P(2,2), C(8,5,1), P(3,2), FC(16), SM(10)]",
        "[C(8,3,1), C(8,3,2), GAP(10), SM(10)]"
      })
  void tenAdamStepsFromTheSameWeightsEndAtTheSameNetwork(String notation) {
    Architecture arch = Architecture.parse(notation);
    TrainingScheme scheme = TrainingScheme.paper().dropout(false).batchSize(16);
    int n = 80;
    Random r = new Random(9);
    float[] pixels = new float[n * 28 * 28];
    int[] labels = new int[n];
    float[] oneHot = new float[n * 10];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = r.nextFloat();
    }
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(10);
      oneHot[i * 10 + labels[i]] = 1;
    }
    ImageDataset images = new ImageDataset("random", 1, 28, 28, 10, pixels, labels);
    INDArray x = Nd4j.create(pixels, new long[] {n, 1, 28, 28}, 'c');
    INDArray y = Nd4j.create(oneHot, new long[] {n, 10}, 'c');
    MultiLayerNetwork dl4j = Networks.build(arch, 1, 28, 10, scheme, 4);
    try (TorchNetwork torch = new TorchNetwork(arch, scheme, images, images, null, 4, 1e-3)) {
      copyWeights(dl4j, (SequentialBlock) torch.block());
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (double rate : new double[] {1e-3, 2e-3}) {
        dl4j.setLearningRate(rate);
        for (int from = 0; from < n; from += 16) {
          dl4j.fit(
              new DataSet(
                  x.get(NDArrayIndex.interval(from, from + 16), NDArrayIndex.all()),
                  y.get(NDArrayIndex.interval(from, from + 16), NDArrayIndex.all())));
        }
        torch.epoch(order, rate);
      }
      float[] expected = dl4j.output(x, false).data().asFloat();
      try (NDManager m = NDManager.newBaseManager(Torch.ENGINE)) {
        float[] actual =
            torch
                .block()
                .forward(
                    new ParameterStore(m, false),
                    new NDList(m.create(pixels, new Shape(n, 1, 28, 28))),
                    false)
                .head()
                .softmax(1)
                .toFloatArray();
        assertArrayEquals(expected, actual, 1e-4f, notation);
      }
    }
    dl4j.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[C(32,3,1), P(2,2), C(64,3,1), P(2,2), FC(128), SM(10)]",
        "[C(6,4,2), C(8,3,2), P(2,1), GAP(10), SM(10)]"
      })
  void theParametersAreThoseDeeplearning4jCounts(String notation) {
    Architecture arch = Architecture.parse(notation);
    try (NDManager m = NDManager.newBaseManager(Torch.ENGINE)) {
      SequentialBlock block = TorchNetworks.build(arch, 1, 28, 10, TrainingScheme.paper());
      block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      long count = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        count += p.getValue().getArray().size();
      }
      assertEquals(Networks.stats(arch, 1, 28, 10).parameters(), count);
    }
  }

  /**
   * Deeplearning4j's parameters, layer by layer, into the block's weights and biases in order: conv
   * kernels are (out, in, h, w) in both; dense weights are (in, out) in Deeplearning4j and (out,
   * in) in PyTorch.
   */
  private static void copyWeights(MultiLayerNetwork dl4j, SequentialBlock block) {
    List<INDArray> source = new ArrayList<>();
    for (int layer = 0; layer < dl4j.getnLayers(); layer++) {
      Map<String, INDArray> table = dl4j.getLayer(layer).paramTable();
      if (table.containsKey("W")) {
        INDArray w = table.get("W");
        source.add(w.rank() == 2 ? w.transpose().dup('c') : w.dup('c'));
        source.add(table.get("b").dup('c'));
      }
    }
    List<Pair<String, Parameter>> target = block.getParameters().stream().toList();
    assertEquals(source.size(), target.size(), "parameter arrays");
    for (int i = 0; i < source.size(); i++) {
      NDArray t = target.get(i).getValue().getArray();
      assertEquals(t.size(), source.get(i).length(), target.get(i).getKey());
      t.set(source.get(i).data().asFloat());
    }
  }
}
