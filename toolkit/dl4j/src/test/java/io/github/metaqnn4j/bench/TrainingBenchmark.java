package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.train.BackendReport;
import io.github.metaqnn4j.train.CpuAcceleration;
import io.github.metaqnn4j.train.Networks;
import io.github.metaqnn4j.train.TrainingScheme;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput of the reference CNN (conv3x3x32, pool, conv3x3x64, pool, FC128, softmax;
 * batch 128) on real Fashion-MNIST, in this JVM's ND4J build. Prints one line of numbers; {@code
 * scripts/bench-train} runs it with the default and with the plain build and puts them side by
 * side.
 */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

  public static void main(String[] args) throws IOException {
    String label = args.length > 0 ? args[0] : "this build";
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int batch = 128;
    BackendReport backend = CpuAcceleration.ensure();
    Splits data =
        Datasets.fashionMnist().validation(1_000).subsample(batch * 40 + 1_000).seed(1).load();
    Architecture reference =
        Architecture.parse("[C(32,3,1), P(2,2), C(64,3,1), P(2,2), FC(128), SM(10)]");
    MultiLayerNetwork net =
        Networks.build(reference, 1, 28, 10, TrainingScheme.paper().dropout(false), 1);
    var x = Nd4j.create(data.train().pixels(), new long[] {data.train().size(), 1, 28, 28}, 'c');
    float[] y = new float[data.train().size() * 10];
    for (int i = 0; i < data.train().size(); i++) {
      y[i * 10 + data.train().labels()[i]] = 1;
    }
    var labels = Nd4j.create(y, new long[] {data.train().size(), 10}, 'c');
    int available = data.train().size() / batch;
    DataSet[] sets = new DataSet[available];
    for (int b = 0; b < available; b++) {
      var rows = org.nd4j.linalg.indexing.NDArrayIndex.interval(b * batch, (b + 1) * batch);
      sets[b] = new DataSet(x.get(rows).dup(), labels.get(rows).dup());
    }
    for (int b = 0; b < warmUp; b++) {
      net.fit(sets[b % available]); // JIT compilation and oneDNN primitive caches
    }
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    double[] rate = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        net.fit(sets[b % available]);
      }
      rate[r] = batches * batch / ((System.nanoTime() - start) / 1e9);
    }
    double[] sorted = rate.clone();
    java.util.Arrays.sort(sorted);
    double imagesPerSecond = sorted[rounds / 2];
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPeak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "RESULT %-12s %7.0f img/s median of %d rounds of %d batches of %d (range %.0f-%.0f, after %d to warm up)  peak RSS %4d MiB  peak heap %4d MiB"
            + "  oneDNN build %s, helpers %s%n",
        label,
        imagesPerSecond,
        rounds,
        batches,
        batch,
        sorted[0],
        sorted[rounds - 1],
        warmUp,
        Provenance.peakMemoryMib(),
        heapPeak >> 20,
        backend.oneDnnBuild() ? "yes" : "no",
        backend.helpersActive() ? "active" : "off");
  }
}
