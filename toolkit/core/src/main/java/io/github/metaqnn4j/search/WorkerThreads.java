package io.github.metaqnn4j.search;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Numbered daemon threads for a search's workers; each knows its worker index. */
final class WorkerThreads implements ThreadFactory {
  private static final ThreadLocal<Integer> INDEX = ThreadLocal.withInitial(() -> 0);
  private final AtomicInteger next = new AtomicInteger();

  /** The worker index of the calling thread (0 outside a worker pool). */
  static int current() {
    return INDEX.get();
  }

  @Override
  public Thread newThread(Runnable r) {
    int index = next.getAndIncrement();
    Thread t =
        new Thread(
            () -> {
              INDEX.set(index);
              r.run();
            },
            "metaqnn4j-worker-" + index);
    t.setDaemon(true);
    return t;
  }
}
