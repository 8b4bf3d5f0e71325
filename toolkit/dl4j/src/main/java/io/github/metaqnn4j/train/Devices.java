package io.github.metaqnn4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The compute devices of this machine, for one search worker per device: every local GPU with the
 * CUDA backend ({@code -Pcuda}), else one CPU worker.
 *
 * <pre>{@code
 * Search.qLearning(space).evaluator(evaluator).workers(Devices.workers()).run();
 * }</pre>
 */
public final class Devices {
  private Devices() {}

  /** Whether ND4J runs on CUDA GPUs. */
  public static boolean cuda() {
    return "CUDA"
        .equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
  }

  /** One worker per local GPU, or 1 on the CPU. */
  public static int workers() {
    return cuda() ? Math.max(1, Nd4j.getAffinityManager().getNumberOfDevices()) : 1;
  }

  /**
   * Shares the CPU between {@code workers} training at once: ND4J's native threads per operation
   * become cores / workers (at least 1), so that two workers on two cores do not each start two
   * threads. On CUDA, and for one worker, nothing changes.
   *
   * @return the native threads each operation may now use
   */
  public static int shareCpu(int workers) {
    if (workers <= 1 || cuda()) {
      return Nd4j.getEnvironment().maxThreads();
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
    Nd4j.getEnvironment().setMaxThreads(threads);
    return threads;
  }

  /** The Deeplearning4j version on the class path (from its jar's Maven properties). */
  public static String libraryVersion() {
    var props = new java.util.Properties();
    try (var in =
        MultiLayerNetwork.class.getResourceAsStream(
            "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (java.io.IOException e) {
      // not known: said below
    }
    return props.getProperty("version", "unknown");
  }

  /** Binds the calling thread to worker {@code worker}'s GPU (no-op on the CPU). */
  static void bind(int worker) {
    if (cuda()) {
      int devices = Nd4j.getAffinityManager().getNumberOfDevices();
      Nd4j.getAffinityManager().unsafeSetDevice(worker % devices);
    }
  }
}
