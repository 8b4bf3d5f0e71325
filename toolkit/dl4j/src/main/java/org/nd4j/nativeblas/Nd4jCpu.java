package org.nd4j.nativeblas;

/**
 * Compatibility shim for Deeplearning4j 1.0.0-M2.1: its oneDNN layer helpers ask, by reflection,
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} whether oneDNN is in
 * use, but ND4J 1.0.0-M2.1 moved that class to {@code
 * org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method {@code
 * isUseONEDNN()}. Without an answer the helpers silently fall back to the slow built-in path. This
 * class answers under the old name with the real backend's value; it is loaded only by that
 * reflective lookup, and {@code io.github.metaqnn4j.train.CpuAcceleration} checks that it works.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The old name of ND4J's native environment, forwarding to the current one. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    /** The single instance, as the reflective caller expects. */
    public static Environment getInstance() {
      return INSTANCE;
    }

    /**
     * Whether the loaded ND4J native build has oneDNN (formerly MKL-DNN) and uses it. The plain
     * builds report {@code isUseONEDNN()} true as well, so the build information decides.
     */
    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN()
          && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }
  }
}
