package io.github.metaqnn4j.pytorch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** The PyTorch engine of DJL: loading it, its random seed, its threads and versions. */
final class Torch {
  /** DJL's name of the engine. */
  static final String ENGINE = "PyTorch";

  private Torch() {}

  /** The engine, loaded on first use (its native library comes from the pytorch-native-cpu jar). */
  static Engine engine() {
    return Engine.getEngine(ENGINE);
  }

  /** Seeds PyTorch's generator (weights and dropout masks) for the next network. */
  static void seed(long seed) {
    engine();
    JniUtils.setSeed(seed);
  }

  /** PyTorch's threads per operation. */
  static int threads() {
    engine();
    return JniUtils.getNumThreads();
  }

  /** Sets PyTorch's threads per operation. */
  static void threads(int threads) {
    engine();
    JniUtils.setNumThreads(threads);
  }

  /** e.g. {@code "PyTorch 2.7.1 through DJL 0.36.0"}. */
  static String description() {
    return "PyTorch " + engine().getVersion() + " through DJL " + Engine.getDjlVersion();
  }
}
