package io.github.metaqnn4j.train;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Deeplearning4j 1.0.0-M2.1 use its oneDNN layer helpers on CPUs, and checks that it does.
 *
 * <p>Two things keep them off by default: the helpers are disabled unless the system property
 * {@value #HELPERS_PROPERTY} is {@code false}, and their check for oneDNN looks up a class that
 * ND4J has moved (answered by the shim {@code org.nd4j.nativeblas.Nd4jCpu}). {@link #ensure()} sets
 * the property (unless the user set it), then builds a one-layer probe network and looks whether a
 * oneDNN helper is attached. It logs one line saying which path runs.
 *
 * <pre>{@code
 * BackendReport r = CpuAcceleration.ensure();
 * r.fastPath();   // true with the default linux-x86_64-onednn-avx2 build
 * }</pre>
 */
public final class CpuAcceleration {
  /** Deeplearning4j's switch for its C++ layer helpers (it defaults to disabled). */
  public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

  private static final Logger LOG = LoggerFactory.getLogger(CpuAcceleration.class);
  private static volatile BackendReport report;

  private CpuAcceleration() {}

  /**
   * Enables the helpers (unless {@value #HELPERS_PROPERTY} was set explicitly), verifies, logs and
   * returns which path runs. Call before building networks; later calls return the first report.
   */
  public static synchronized BackendReport ensure() {
    if (report == null) {
      if (System.getProperty(HELPERS_PROPERTY) == null) {
        System.setProperty(HELPERS_PROPERTY, "false");
      }
      report = inspect();
      if (report.fastPath()) {
        LOG.info(report.summary());
      } else {
        LOG.warn(report.summary());
      }
    }
    return report;
  }

  private static BackendReport inspect() {
    String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend", "?");
    String buildInfo = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
    String flags =
        Arrays.stream(buildInfo.split("\\s+"))
            .filter(s -> s.startsWith("HAVE_"))
            .collect(Collectors.joining(" "));
    boolean oneDnn = buildInfo.contains("HAVE_ONEDNN");
    if (!"CPU".equalsIgnoreCase(backend)) {
      return new BackendReport(
          backend, flags, oneDnn, false, "ND4J " + backend + " backend (" + flags + ")");
    }
    boolean helpers = probeHelperAttached();
    String summary;
    if (oneDnn && helpers) {
      summary =
          "ND4J CPU backend, oneDNN build: Deeplearning4j oneDNN layer helpers ACTIVE (fast path)";
    } else if (oneDnn) {
      summary =
          "ND4J CPU backend, oneDNN build, but Deeplearning4j's oneDNN helpers are NOT attached"
              + " (is -D"
              + HELPERS_PROPERTY
              + "=true set?): the built-in path is about 4x slower";
    } else {
      summary =
          "ND4J CPU backend, plain build ("
              + flags
              + "): built-in path. Add the nd4j-native linux-x86_64-onednn-avx2 classifier"
              + " for the fast path";
    }
    return new BackendReport(backend, flags, oneDnn, helpers, summary);
  }

  private static boolean probeHelperAttached() {
    var conf =
        new NeuralNetConfiguration.Builder()
            .seed(0)
            .list()
            .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
            .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
            .setInputType(InputType.convolutional(6, 6, 1))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    var layer = (org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0);
    return layer.getHelper() instanceof MKLDNNConvHelper;
  }
}
