package io.github.metaqnn4j.agent;

/**
 * A small, fast, seeded random number generator (SplitMix64) whose streams can be derived from a
 * seed and an index, so that step {@code i} of a search draws the same numbers whether or not the
 * search was interrupted before it. Never seeded from the clock.
 *
 * <pre>{@code
 * var rng = Rng.of(42);
 * rng.nextInt(10);                   // the same value on every run
 * Rng.of(42).derive(7).nextDouble(); // the stream of step 7
 * }</pre>
 */
public final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  private Rng(long state) {
    this.state = state;
  }

  /** A generator seeded with {@code seed}. */
  public static Rng of(long seed) {
    return new Rng(mix(seed));
  }

  /** An independent generator for sub-stream {@code index} of this generator's seed. */
  public Rng derive(long index) {
    return new Rng(mix(state ^ mix(index + GOLDEN)));
  }

  /** A uniform long. */
  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** A uniform double in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A uniform int in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long r = (nextLong() >>> 33) * bound;
    return (int) (r >>> 31);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
