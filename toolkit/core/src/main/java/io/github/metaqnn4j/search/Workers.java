package io.github.metaqnn4j.search;

import io.github.metaqnn4j.space.Architecture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Where evaluations run: on the calling thread with one worker, else on a pool of {@code n}
 * threads, one per device. Also decides what an evaluator's exception means: a model that cannot be
 * trained, or a broken search.
 */
final class Workers {
  private final int count;
  private ExecutorService pool;

  Workers(int count) {
    this.count = count;
  }

  int count() {
    return count;
  }

  /** Starts the pool for a run (no-op with one worker or when already started). */
  void start() {
    if (count > 1 && pool == null) {
      pool = Executors.newFixedThreadPool(count, new WorkerThreads());
    }
  }

  /** Stops the pool; evaluations still running are interrupted. */
  void stop() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
  }

  /** Runs {@code evaluation} now (one worker or no pool) or on a worker. */
  CompletableFuture<Evaluation> submit(Supplier<Evaluation> evaluation) {
    return pool == null
        ? CompletableFuture.completedFuture(evaluation.get())
        : CompletableFuture.supplyAsync(evaluation, pool);
  }

  /** The evaluation of a finished future; an {@link Error} thrown by the evaluator is rethrown. */
  static Evaluation join(CompletableFuture<Evaluation> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new CompletionException(e.getCause());
    }
  }

  /** The thread waiting for an evaluation was interrupted: the search ends, keeping its models. */
  static final class Interrupted extends RuntimeException {
    Interrupted() {
      super("interrupted while waiting for a model", null, false, false);
    }
  }

  /**
   * Evaluates one architecture. A {@link RuntimeException} or an {@link OutOfMemoryError} (found by
   * its type, also as the cause of another exception) makes a failed evaluation with its reason,
   * and the search goes on; any other {@link Error} is a broken program and ends the search.
   */
  static Evaluation evaluate(Evaluator evaluator, Architecture arch, EvaluationContext context) {
    long start = System.nanoTime();
    try {
      Evaluation e = evaluator.evaluate(arch, context);
      return e != null
          ? e
          : Evaluation.failed("the evaluator returned no evaluation", seconds(start));
    } catch (RuntimeException | OutOfMemoryError e) {
      return Evaluation.failedBy(e, seconds(start));
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
