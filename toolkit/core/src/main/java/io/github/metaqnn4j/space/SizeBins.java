package io.github.metaqnn4j.space;

import java.util.List;

/**
 * Representation-size bins (paper, Appendix B). Each bin is named by its lower bound: with the
 * paper's bounds {@code 8, 4, 1} the bins are {@code (inf,8]} (size 8 and more), {@code (8,4]} (4
 * to 7) and {@code (4,1]} (1 to 3).
 *
 * <pre>{@code
 * var bins = SizeBins.of(8, 4, 1);
 * bins.bin(7);          // 4
 * bins.label(4);        // "(8,4]"
 * }</pre>
 */
public record SizeBins(List<Integer> lowerBounds) {
  public SizeBins {
    if (lowerBounds == null || lowerBounds.isEmpty()) {
      throw new IllegalArgumentException("size bins need at least one lower bound, e.g. 8, 4, 1");
    }
    lowerBounds = List.copyOf(lowerBounds);
    for (int i = 1; i < lowerBounds.size(); i++) {
      if (lowerBounds.get(i) >= lowerBounds.get(i - 1)) {
        throw new IllegalArgumentException(
            "size bin lower bounds must be strictly decreasing, got " + lowerBounds);
      }
    }
    if (lowerBounds.get(lowerBounds.size() - 1) != 1) {
      throw new IllegalArgumentException(
          "the last size bin must start at 1 so that every size has a bin, got " + lowerBounds);
    }
  }

  /** Bins with the given strictly decreasing lower bounds, the last being 1. */
  public static SizeBins of(int... lowerBounds) {
    return new SizeBins(java.util.Arrays.stream(lowerBounds).boxed().toList());
  }

  /** The paper's bins: (inf,8], (8,4], (4,1]. */
  public static SizeBins paper() {
    return of(8, 4, 1);
  }

  /** The bin (its lower bound) of a representation size. */
  public int bin(int size) {
    for (int bound : lowerBounds) {
      if (size >= bound) {
        return bound;
      }
    }
    throw new IllegalArgumentException("representation size must be at least 1, got " + size);
  }

  /** Whether {@code bin} is one of these bins' lower bounds. */
  public boolean contains(int bin) {
    return lowerBounds.contains(bin);
  }

  /** The paper's interval label of a bin, e.g. {@code (8,4]}. */
  public String label(int bin) {
    int i = lowerBounds.indexOf(bin);
    if (i < 0) {
      throw new IllegalArgumentException("no size bin starts at " + bin + "; bins: " + this);
    }
    String upper = i == 0 ? "inf" : String.valueOf(lowerBounds.get(i - 1));
    return "(" + upper + "," + bin + "]";
  }

  @Override
  public String toString() {
    return String.join(" ", lowerBounds.stream().map(this::label).toList());
  }
}
