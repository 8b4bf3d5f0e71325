package io.github.metaqnn4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {

  @Test
  void sameSeedSameStreamAndDerivedStreamsDiffer() {
    Rng a = Rng.of(42);
    Rng b = Rng.of(42);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
    assertEquals(Rng.of(1).derive(5).nextLong(), Rng.of(1).derive(5).nextLong());
    assertNotEquals(Rng.of(1).derive(5).nextLong(), Rng.of(1).derive(6).nextLong());
    assertNotEquals(Rng.of(1).nextLong(), Rng.of(2).nextLong());
  }

  @Test
  void uniformInts() {
    Rng r = Rng.of(7);
    int[] counts = new int[10];
    for (int i = 0; i < 100_000; i++) {
      int v = r.nextInt(10);
      assertTrue(v >= 0 && v < 10);
      counts[v]++;
    }
    for (int c : counts) {
      assertEquals(10_000, c, 400); // > 4 standard deviations
    }
    double sum = 0;
    for (int i = 0; i < 100_000; i++) {
      double d = r.nextDouble();
      assertTrue(d >= 0 && d < 1);
      sum += d;
    }
    assertEquals(0.5, sum / 100_000, 0.005);
  }
}
