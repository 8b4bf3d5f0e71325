package io.github.metaqnn4j.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.Random;

/**
 * Checks, once per process, that PyTorch's convolution gradients are right on this CPU, before the
 * first network trains.
 *
 * <p>PyTorch 2.7.1's oneDNN kernels for AVX-512 compute wrong gradients for a 5x5 convolution over
 * 8 channels on some CPUs (found on an AMD EPYC with {@code avx512_vp2intersect}: the weights after
 * ten Adam steps differed from Deeplearning4j's in every run, often as NaN), and right ones when
 * oneDNN is held to AVX2 ({@code ONEDNN_MAX_CPU_ISA=AVX2_VNNI}, set by the launchers). Training
 * would go on silently with wrong numbers, so the engine compares one such gradient with a plain
 * Java sum and refuses to train when they differ.
 */
final class ConvolutionCheck {
  /** The setting that keeps oneDNN on its AVX2 kernels. */
  static final String SETTING = "ONEDNN_MAX_CPU_ISA=AVX2_VNNI";

  private static final int BATCH = 16;
  private static final int CHANNELS = 8;
  private static final int SIDE = 14;
  private static final int KERNEL = 5;
  private static final int PAD = KERNEL / 2;
  private static final int TRIES = 10;

  private static volatile String fault;
  private static volatile boolean done;

  private ConvolutionCheck() {}

  /** Throws when this process's PyTorch computes a wrong convolution gradient (checked once). */
  static void require() {
    if (!done) {
      synchronized (ConvolutionCheck.class) {
        if (!done) {
          fault = findFault();
          done = true;
        }
      }
    }
    if (fault != null) {
      throw new IllegalStateException(
          "PyTorch computes wrong convolution gradients on this CPU ("
              + fault
              + "); start the JVM with "
              + SETTING
              + " in its environment (scripts/metaqnn4j sets it for --engine pytorch), or train"
              + " with Deeplearning4j");
    }
  }

  /** A description of the first wrong gradient in a few tries, or null when all are right. */
  static String findFault() {
    Random r = new Random(11);
    float[] x = randoms(r, BATCH * CHANNELS * SIDE * SIDE);
    float[] w = randoms(r, CHANNELS * CHANNELS * KERNEL * KERNEL);
    float[] up = randoms(r, BATCH * CHANNELS * SIDE * SIDE);
    float[] expectedWeights = weightGradient(x, up);
    float[] expectedInputs = inputGradient(w, up);
    for (int t = 0; t < TRIES; t++) {
      float[][] actual = torchGradients(x, w, up);
      String difference = difference("weight", expectedWeights, actual[0]);
      if (difference == null) {
        difference = difference("input", expectedInputs, actual[1]);
      }
      if (difference != null) {
        return difference;
      }
    }
    return null;
  }

  /**
   * Where {@code actual} first departs from {@code expected} by more than 1e-3 of the largest
   * expected magnitude, or null when it nowhere does.
   */
  static String difference(String of, float[] expected, float[] actual) {
    float scale = 0;
    for (float e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= 1e-3f * scale)) {
        return String.format(
            Locale.ROOT,
            "a 5x5 convolution's %s gradient %d of %d is %s, not %s",
            of,
            i,
            expected.length,
            actual[i],
            expected[i]);
      }
    }
    return null;
  }

  /** PyTorch's gradients of sum(conv(x, w) * up) with respect to w and to x. */
  private static float[][] torchGradients(float[] x, float[] w, float[] up) {
    try (NDManager m = NDManager.newBaseManager(Torch.ENGINE)) {
      NDArray input = m.create(x, new Shape(BATCH, CHANNELS, SIDE, SIDE));
      NDArray weight = m.create(w, new Shape(CHANNELS, CHANNELS, KERNEL, KERNEL));
      NDArray upstream = m.create(up, new Shape(BATCH, CHANNELS, SIDE, SIDE));
      weight.setRequiresGradient(true);
      input.setRequiresGradient(true);
      try (GradientCollector gc = Torch.engine().newGradientCollector()) {
        NDArray out =
            Conv2d.conv2d(
                    input, weight, null, new Shape(1, 1), new Shape(PAD, PAD), new Shape(1, 1), 1)
                .head();
        gc.backward(out.mul(upstream).sum());
      }
      return new float[][] {
        weight.getGradient().toFloatArray(), input.getGradient().toFloatArray()
      };
    }
  }

  /** The same gradient as plain sums: d/dw[o,i,a,b] = sum of up[n,o,y,x] * x[n,i,y+a-2,x+b-2]. */
  private static float[] weightGradient(float[] x, float[] up) {
    float[] g = new float[CHANNELS * CHANNELS * KERNEL * KERNEL];
    int plane = SIDE * SIDE;
    for (int o = 0; o < CHANNELS; o++) {
      for (int i = 0; i < CHANNELS; i++) {
        for (int a = 0; a < KERNEL; a++) {
          for (int b = 0; b < KERNEL; b++) {
            double sum = 0;
            for (int n = 0; n < BATCH; n++) {
              int upAt = (n * CHANNELS + o) * plane;
              int xAt = (n * CHANNELS + i) * plane;
              for (int y = 0; y < SIDE; y++) {
                int row = y + a - PAD;
                if (row < 0 || row >= SIDE) {
                  continue;
                }
                for (int c = 0; c < SIDE; c++) {
                  int col = c + b - PAD;
                  if (col >= 0 && col < SIDE) {
                    sum += up[upAt + y * SIDE + c] * x[xAt + row * SIDE + col];
                  }
                }
              }
            }
            g[((o * CHANNELS + i) * KERNEL + a) * KERNEL + b] = (float) sum;
          }
        }
      }
    }
    return g;
  }

  /** d/dx[n,i,y,x] = sum of up[n,o,y-a+2,x-b+2] * w[o,i,a,b]. */
  private static float[] inputGradient(float[] w, float[] up) {
    float[] g = new float[BATCH * CHANNELS * SIDE * SIDE];
    int plane = SIDE * SIDE;
    for (int n = 0; n < BATCH; n++) {
      for (int i = 0; i < CHANNELS; i++) {
        for (int y = 0; y < SIDE; y++) {
          for (int c = 0; c < SIDE; c++) {
            double sum = 0;
            for (int o = 0; o < CHANNELS; o++) {
              int upAt = (n * CHANNELS + o) * plane;
              for (int a = 0; a < KERNEL; a++) {
                int row = y - a + PAD;
                if (row < 0 || row >= SIDE) {
                  continue;
                }
                for (int b = 0; b < KERNEL; b++) {
                  int col = c - b + PAD;
                  if (col >= 0 && col < SIDE) {
                    sum +=
                        up[upAt + row * SIDE + col]
                            * w[((o * CHANNELS + i) * KERNEL + a) * KERNEL + b];
                  }
                }
              }
            }
            g[((n * CHANNELS + i) * SIDE + y) * SIDE + c] = (float) sum;
          }
        }
      }
    }
    return g;
  }

  private static float[] randoms(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
