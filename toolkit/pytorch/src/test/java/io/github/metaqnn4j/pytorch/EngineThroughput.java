package io.github.metaqnn4j.pytorch;

import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.train.TrainingScheme;
import java.io.IOException;
import java.util.Arrays;

/**
 * Training throughput of the reference CNN through the project's PyTorch engine ({@link
 * TorchNetwork}, what {@code search --engine pytorch} runs: batches gathered from the training
 * images in the scheme's order, one Adam step each), batch 128, no dropout, on the same
 * Fashion-MNIST images as {@code TrainingBenchmark} and the PyTorch reference. Prints one {@code
 * RESULT} line in their form, for {@code scripts/bench-train-pytorch}.
 *
 * <pre>{@code
 * java -cp ... io.github.metaqnn4j.pytorch.EngineThroughput engine 40 200 5
 * }</pre>
 */
public final class EngineThroughput {
  private EngineThroughput() {}

  public static void main(String[] args) throws IOException {
    String label = args.length > 0 ? args[0] : "engine";
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    int batch = 128;
    Splits data =
        Datasets.fashionMnist().validation(1_000).subsample(batch * 40 + 1_000).seed(1).load();
    Architecture reference =
        Architecture.parse("[C(32,3,1), P(2,2), C(64,3,1), P(2,2), FC(128), SM(10)]");
    TrainingScheme scheme = TrainingScheme.paper().dropout(false).batchSize(batch);
    try (TorchNetwork net =
        new TorchNetwork(reference, scheme, data.train(), data.validation(), null, 1, 1e-3)) {
      int available = data.train().size() / batch * batch;
      net.epoch(order(warmUp * batch, available), 1e-3);
      double[] rate = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        int[] order = order(batches * batch, available);
        long start = System.nanoTime();
        net.epoch(order, 1e-3);
        rate[r] = batches * batch / ((System.nanoTime() - start) / 1e9);
      }
      double[] sorted = rate.clone();
      Arrays.sort(sorted);
      System.out.printf(
          "RESULT %-12s %7.0f img/s median of %d rounds of %d batches of %d (range %.0f-%.0f,"
              + " after %d to warm up)  peak RSS %4d MiB  %s, %d threads; CPU: %s%n",
          label,
          sorted[rounds / 2],
          rounds,
          batches,
          batch,
          sorted[0],
          sorted[rounds - 1],
          warmUp,
          Provenance.peakMemoryMib(),
          Torch.description(),
          Torch.threads(),
          Provenance.cpuModel());
    }
  }

  /** {@code n} image indices cycling through the first {@code available} images. */
  private static int[] order(int n, int available) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i % available;
    }
    return order;
  }
}
