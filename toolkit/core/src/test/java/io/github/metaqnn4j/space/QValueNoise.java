package io.github.metaqnn4j.space;

import io.github.metaqnn4j.agent.QTable;
import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.agent.Rng;

/** Test helper: fills a Q table with random values. */
public final class QValueNoise {
  private QValueNoise() {}

  public static void randomize(QTable q, Rng rng) {
    for (QValue v : q.entries()) {
      q.setValue(v.state(), v.action(), rng.nextDouble());
    }
  }
}
