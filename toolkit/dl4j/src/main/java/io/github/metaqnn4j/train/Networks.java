package io.github.metaqnn4j.train;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.FullyConnected;
import io.github.metaqnn4j.space.GlobalAveragePooling;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.Softmax;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds Deeplearning4j networks from architectures: conv (SAME padding, ReLU), max pooling (output
 * {@code ceil((n - f + 1) / l)}), FC (ReLU), GAP as a 1x1 convolution to {@code k} channels
 * followed by global average pooling, and a softmax output. Dropout after every two layers: with
 * {@code L} layers before the softmax and {@code n = ceil(L / 2)}, the i-th dropout (after layer
 * 2i) drops with probability {@code i / 2n}. Xavier initialisation, Adam.
 *
 * <pre>{@code
 * MultiLayerNetwork net = Networks.build(Architecture.parse("[C(16,3,1), P(2,2), SM(10)]"),
 *     1, 28, 10, TrainingScheme.paper(), 42);
 * }</pre>
 */
public final class Networks {
  private Networks() {}

  /**
   * A ready-to-train network for images of {@code channels x size x size} and {@code classes}
   * classes.
   *
   * @throws IllegalArgumentException when the architecture does not end with SM(classes)
   */
  public static MultiLayerNetwork build(
      Architecture architecture,
      int channels,
      int size,
      int classes,
      TrainingScheme scheme,
      long seed) {
    return build(architecture, channels, size, classes, scheme, seed, scheme.learningRate());
  }

  static MultiLayerNetwork build(
      Architecture architecture,
      int channels,
      int size,
      int classes,
      TrainingScheme scheme,
      long seed,
      double learningRate) {
    Layer last = architecture.layer(architecture.size() - 1);
    if (!(last instanceof Softmax sm) || sm.classes() != classes) {
      throw new IllegalArgumentException(
          architecture + " must end with SM(" + classes + ") for " + classes + " classes");
    }
    CpuAcceleration.ensure();
    ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .weightInit(WeightInit.XAVIER)
            .updater(new Adam(learningRate, scheme.beta1(), scheme.beta2(), scheme.adamEpsilon()))
            .list();
    int depth = architecture.depth();
    int slots = (depth + 1) / 2;
    boolean afterGap = false;
    for (int i = 0; i < architecture.size(); i++) {
      Layer layer = architecture.layer(i);
      double drop = 0;
      if (scheme.dropout() && i > 0 && i % 2 == 0) {
        drop = (i / 2) / (2.0 * slots); // dropout after layer i (1-based), on this layer's input
      }
      if (layer instanceof Conv c) {
        add(
            list,
            new ConvolutionLayer.Builder(c.kernel(), c.kernel())
                .stride(c.stride(), c.stride())
                .nOut(c.filters())
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU),
            drop);
      } else if (layer instanceof Pool p) {
        add(
            list,
            new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(p.kernel(), p.kernel())
                .stride(p.stride(), p.stride())
                .convolutionMode(ConvolutionMode.Truncate),
            drop);
      } else if (layer instanceof FullyConnected fc) {
        add(list, new DenseLayer.Builder().nOut(fc.units()).activation(Activation.RELU), drop);
      } else if (layer instanceof GlobalAveragePooling g) {
        add(
            list,
            new ConvolutionLayer.Builder(1, 1)
                .nOut(g.classes())
                .convolutionMode(ConvolutionMode.Same)
                .activation(Activation.IDENTITY),
            drop);
        list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        afterGap = true;
      } else if (afterGap) {
        add(list, new LossLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX), drop);
      } else {
        add(
            list,
            new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(classes)
                .activation(Activation.SOFTMAX),
            drop);
      }
    }
    list.setInputType(InputType.convolutional(size, size, channels));
    MultiLayerNetwork net = new MultiLayerNetwork(list.build());
    net.init();
    return net;
  }

  private static void add(
      ListBuilder list, org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder, double drop) {
    if (drop > 0) {
      builder.dropOut(1 - drop); // Deeplearning4j takes the probability of keeping an input
    }
    list.layer(builder.build());
  }

  /** Parameters and forward FLOPs per image, computed from the architecture alone. */
  public static NetworkStats stats(Architecture architecture, int channels, int size, int classes) {
    long params = 0;
    long flops = 0;
    long c = channels;
    long h = size;
    long flat = -1; // features after flattening, once a dense layer is reached
    for (Layer layer : architecture.layers()) {
      if (layer instanceof Conv conv) {
        long out = (h + conv.stride() - 1) / conv.stride();
        params += (long) conv.kernel() * conv.kernel() * c * conv.filters() + conv.filters();
        flops += 2L * conv.kernel() * conv.kernel() * c * conv.filters() * out * out;
        c = conv.filters();
        h = out;
      } else if (layer instanceof Pool p) {
        long out = p.outputSize((int) h);
        flops += (long) p.kernel() * p.kernel() * c * out * out;
        h = out;
      } else if (layer instanceof GlobalAveragePooling g) {
        params += c * g.classes() + g.classes();
        flops += 2L * c * g.classes() * h * h + (long) g.classes() * h * h;
        flat = g.classes();
      } else if (layer instanceof FullyConnected fc) {
        long in = flat >= 0 ? flat : c * h * h;
        params += in * fc.units() + fc.units();
        flops += 2L * in * fc.units();
        flat = fc.units();
      } else if (layer instanceof Softmax sm) {
        long in = flat >= 0 ? flat : c * h * h;
        boolean gap =
            architecture.layers().stream().anyMatch(l -> l instanceof GlobalAveragePooling);
        if (!gap) {
          params += in * sm.classes() + sm.classes();
          flops += 2L * in * sm.classes();
        }
        flops += 3L * sm.classes();
      }
    }
    return new NetworkStats(params, flops);
  }
}
