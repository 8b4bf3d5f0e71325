package io.github.metaqnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.metaqnn4j.space.Architecture;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class NetworksTest {

  @Test
  void parameterCountsMatchDeeplearning4j() {
    for (String text :
        List.of(
            "[SM(10)]",
            "[C(8,3,1), P(2,2), SM(10)]",
            "[C(16,5,1), P(3,2), C(8,1,1), P(5,3), FC(64), FC(32), SM(10)]",
            "[C(8,3,1), C(16,3,1), GAP(10), SM(10)]")) {
      Architecture a = Architecture.parse(text);
      MultiLayerNetwork net = Networks.build(a, 1, 28, 10, TrainingScheme.paper(), 1);
      assertEquals(net.numParams(), Networks.stats(a, 1, 28, 10).parameters(), text);
    }
    // C(16,3,1) on 3x32x32: 3*3*3*16 + 16 = 448 params, 2*3*3*3*16*32*32 = 884,736 FLOPs
    NetworkStats s = Networks.stats(Architecture.parse("[C(16,3,1), SM(10)]"), 3, 32, 10);
    assertEquals(448 + 16 * 32 * 32 * 10 + 10, s.parameters());
    assertEquals(884_736 + 2L * 16 * 32 * 32 * 10 + 30, s.flops());
  }

  @Test
  void poolingShrinksAsThePaperSays() {
    // 28 -> P(3,2): ceil((28-3+1)/2) = 13 -> P(5,3): ceil((13-5+1)/3) = 3
    Architecture a = Architecture.parse("[C(4,3,1), P(3,2), C(4,3,1), P(5,3), SM(10)]");
    MultiLayerNetwork net = Networks.build(a, 1, 28, 10, TrainingScheme.paper(), 1);
    var activations = net.feedForward(Nd4j.rand(new int[] {2, 1, 28, 28}), false);
    assertEquals(List.of(2L, 4L, 13L, 13L), toList(activations.get(2).shape()));
    assertEquals(List.of(2L, 4L, 3L, 3L), toList(activations.get(4).shape()));
  }

  @Test
  void dropoutAfterEveryTwoLayersWithRisingProbability() {
    // 7 layers before the softmax: n = 4, dropouts after layers 2, 4, 6 with p = 1/8, 2/8, 3/8
    Architecture a =
        Architecture.parse(
            "[C(8,5,1), C(8,3,1), P(2,2), C(8,1,1), C(8,5,1), P(3,2), C(8,3,1), SM(10)]");
    MultiLayerNetwork net = Networks.build(a, 1, 28, 10, TrainingScheme.paper(), 1);
    List<Double> drop = new ArrayList<>();
    for (var conf : net.getLayerWiseConfigurations().getConfs()) {
      var d = conf.getLayer().getIDropout();
      drop.add(d == null ? 0.0 : 1 - ((Dropout) d).getP());
    }
    assertEquals(List.of(0.0, 0.0, 0.125, 0.0, 0.25, 0.0, 0.375, 0.0), drop);
    MultiLayerNetwork plain =
        Networks.build(a, 1, 28, 10, TrainingScheme.paper().dropout(false), 1);
    for (var conf : plain.getLayerWiseConfigurations().getConfs()) {
      assertNull(conf.getLayer().getIDropout());
    }
  }

  @Test
  void oneDnnHelpersAreActiveOnTheDefaultBuild() {
    BackendReport r = CpuAcceleration.ensure();
    assertTrue(r.oneDnnBuild(), r.toString());
    assertTrue(r.helpersActive(), r.toString());
    assertTrue(r.fastPath());
    assertTrue(r.summary().contains("ACTIVE"), r.summary());
    MultiLayerNetwork net =
        Networks.build(
            Architecture.parse("[C(8,3,1), SM(10)]"), 1, 28, 10, TrainingScheme.paper(), 1);
    var conv = (org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0);
    assertTrue(conv.getHelper() instanceof MKLDNNConvHelper);
  }

  @Test
  void wrongOutputIsRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Networks.build(
                    Architecture.parse("[C(8,3,1), SM(7)]"), 1, 28, 10, TrainingScheme.paper(), 1));
    assertEquals("[C(8,3,1), SM(7)] must end with SM(10) for 10 classes", e.getMessage());
  }

  @Test
  void learningRateSchedule() {
    TrainingScheme s = TrainingScheme.paper();
    assertEquals(1e-3, s.learningRateAt(5, 0), 1e-15);
    assertEquals(2e-4, s.learningRateAt(6, 0), 1e-15);
    assertEquals(4e-5, s.learningRateAt(11, 0), 1e-15);
    assertEquals(4e-4 * 0.2, s.learningRateAt(6, 1), 1e-15);
    assertEquals(1e-3 * Math.pow(0.4, 5), s.learningRateAt(1, 5), 1e-15);
  }

  private static List<Long> toList(long[] a) {
    List<Long> l = new ArrayList<>();
    for (long v : a) l.add(v);
    return l;
  }
}
