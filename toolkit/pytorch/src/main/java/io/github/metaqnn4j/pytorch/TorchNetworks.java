package io.github.metaqnn4j.pytorch;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.FullyConnected;
import io.github.metaqnn4j.space.GlobalAveragePooling;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Softmax;
import io.github.metaqnn4j.train.TrainingScheme;

/**
 * Builds DJL blocks that compute what {@code train.Networks} builds in Deeplearning4j, layer for
 * layer: conv with SAME padding (Deeplearning4j's: output {@code ceil(n / l)}, the odd pixel of
 * padding at the bottom and right) and ReLU; max pooling without padding (output {@code floor((n -
 * f) / l) + 1}); FC with ReLU on the flattened {@code (c, h, w)} features; GAP as a 1x1 convolution
 * to {@code k} channels and a global average; the softmax's logits. Dropout on the input of every
 * second layer, the i-th with probability {@code i / 2n}. Xavier-normal weights (variance {@code 2
 * / (fanIn + fanOut)}, Deeplearning4j's XAVIER) and zero biases.
 */
final class TorchNetworks {
  private TorchNetworks() {}

  static SequentialBlock build(
      Architecture architecture, int channels, int size, int classes, TrainingScheme scheme) {
    Layer last = architecture.layer(architecture.size() - 1);
    if (!(last instanceof Softmax sm) || sm.classes() != classes) {
      throw new IllegalArgumentException(
          architecture + " must end with SM(" + classes + ") for " + classes + " classes");
    }
    SequentialBlock net = new SequentialBlock();
    int slots = (architecture.depth() + 1) / 2;
    int h = size;
    boolean flat = false;
    boolean afterGap = false;
    for (int i = 0; i < architecture.size(); i++) {
      Layer layer = architecture.layer(i);
      if (scheme.dropout() && i > 0 && i % 2 == 0) {
        float drop = (float) ((i / 2) / (2.0 * slots));
        net.add(Dropout.builder().optRate(drop).build());
      }
      if (layer instanceof Conv c) {
        int out = (h + c.stride() - 1) / c.stride();
        int total = Math.max(0, (out - 1) * c.stride() + c.kernel() - h);
        int before = total / 2;
        int after = total - before;
        if (before != after) {
          net.add(pad(before, after));
        }
        net.add(
            Conv2d.builder()
                .setKernelShape(new Shape(c.kernel(), c.kernel()))
                .optStride(new Shape(c.stride(), c.stride()))
                .optPadding(before == after ? new Shape(before, before) : new Shape(0, 0))
                .setFilters(c.filters())
                .build());
        net.add(Activation.reluBlock());
        h = out;
      } else if (layer instanceof io.github.metaqnn4j.space.Pool p) {
        net.add(
            Pool.maxPool2dBlock(
                new Shape(p.kernel(), p.kernel()),
                new Shape(p.stride(), p.stride()),
                new Shape(0, 0),
                false));
        h = p.outputSize(h);
      } else if (layer instanceof FullyConnected fc) {
        if (!flat) {
          net.add(Blocks.batchFlattenBlock());
          flat = true;
        }
        net.add(Linear.builder().setUnits(fc.units()).build());
        net.add(Activation.reluBlock());
      } else if (layer instanceof GlobalAveragePooling g) {
        net.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(g.classes()).build());
        net.add(Pool.globalAvgPool2dBlock());
        flat = true;
        afterGap = true;
      } else if (!afterGap) {
        if (!flat) {
          net.add(Blocks.batchFlattenBlock());
          flat = true;
        }
        net.add(Linear.builder().setUnits(classes).build());
      }
    }
    net.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.AVG, 1),
        ai.djl.nn.Parameter.Type.WEIGHT);
    return net;
  }

  /**
   * Zero padding of {@code before} pixels at the top and left, {@code after} at the bottom and
   * right.
   */
  private static Block pad(int before, int after) {
    Shape widths = new Shape(before, after, before, after); // last axis first, as torch's pad
    return new LambdaBlock(x -> new NDList(x.singletonOrThrow().pad(widths, 0)), "same-padding");
  }
}
