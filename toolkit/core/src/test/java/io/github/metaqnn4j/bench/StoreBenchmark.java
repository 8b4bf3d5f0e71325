package io.github.metaqnn4j.bench;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SyntheticEvaluator;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.Durability;
import io.github.metaqnn4j.store.ExperimentStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the store costs a search: milliseconds per stored model with each {@link Durability}, in
 * turns in one run (a search of the paper's CIFAR-10 space with a synthetic evaluator, so that only
 * the agent and the store take time), and what opening a store of the paper's 2,700 models takes
 * with its integrity check.
 */
public final class StoreBenchmark {
  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int models = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Path dir = Files.createTempDirectory("bench-store");
    System.out.println(
        "CPU: "
            + io.github.metaqnn4j.search.Provenance.cpuModel()
            + "; folder "
            + dir
            + " ("
            + Files.getFileStore(dir).type()
            + ")");
    System.out.printf("%-8s %6s %12s %12s%n", "round", "models", "NORMAL ms", "FULL ms");
    double[] sum = new double[2];
    for (int r = 0; r <= rounds; r++) {
      double[] ms = new double[2];
      for (Durability d : Durability.values()) {
        Path db = dir.resolve(d + "-" + r + ".db");
        long t = System.nanoTime();
        search(models, db, d);
        ms[d.ordinal()] = (System.nanoTime() - t) / 1e6 / models;
        Files.deleteIfExists(db);
      }
      if (r == 0) {
        System.out.printf(
            "%-8s %6d %12.2f %12.2f  (warm-up, not counted)%n", "0", models, ms[0], ms[1]);
        continue;
      }
      sum[0] += ms[0];
      sum[1] += ms[1];
      System.out.printf("%-8d %6d %12.2f %12.2f%n", r, models, ms[0], ms[1]);
    }
    System.out.printf(
        "%-8s %6s %12.2f %12.2f  per model, agent included; FULL/NORMAL %.2fx%n",
        "mean", "", sum[0] / rounds, sum[1] / rounds, sum[1] / sum[0]);

    Path paper = dir.resolve("paper.db");
    long t = System.nanoTime();
    search(2_700, paper, Durability.NORMAL);
    System.out.printf(
        "a store of 2,700 models: %,d bytes, written in %.1f s%n",
        Files.size(paper), (System.nanoTime() - t) / 1e9);
    for (int k = 0; k < 5; k++) {
      long s = System.nanoTime();
      ExperimentStore.open(paper).close();
      System.out.printf("  open with integrity check: %.1f ms%n", (System.nanoTime() - s) / 1e6);
    }
  }

  private static void search(int models, Path db, Durability durability) {
    Search.qLearning(StateSpace.cifar10().build())
        .evaluator(SyntheticEvaluator.of(a -> 0.3 + 0.05 * a.count("C")))
        .schedule(EpsilonSchedule.paper().scaledTo(models))
        .seed(1)
        .quiet()
        .store(db)
        .durability(durability)
        .run();
  }
}
