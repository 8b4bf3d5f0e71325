package io.github.metaqnn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Stratified, seeded choices of images: every class keeps its share (largest-remainder rounding),
 * and the same seed gives the same choice.
 *
 * <pre>{@code
 * int[] pick = Sampling.stratified(dataset.labels(), dataset.classes(), 5_000, 42);
 * }</pre>
 */
public final class Sampling {
  private Sampling() {}

  /**
   * {@code n} positions of {@code labels}, stratified by class, in ascending order.
   *
   * @throws IllegalArgumentException when n is negative or larger than the dataset
   */
  public static int[] stratified(int[] labels, int classes, int n, long seed) {
    if (n < 0 || n > labels.length) {
      throw new IllegalArgumentException("cannot choose " + n + " of " + labels.length + " images");
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    int[] quota = new int[classes];
    double[] remainder = new double[classes];
    int assigned = 0;
    for (int c = 0; c < classes; c++) {
      double exact = (double) byClass.get(c).size() * n / labels.length;
      quota[c] = (int) Math.floor(exact);
      remainder[c] = exact - quota[c];
      assigned += quota[c];
    }
    Integer[] order = new Integer[classes];
    for (int c = 0; c < classes; c++) {
      order[c] = c;
    }
    Arrays.sort(
        order,
        (a, b) ->
            a.equals(b)
                ? 0
                : remainder[b] != remainder[a]
                    ? Double.compare(remainder[b], remainder[a])
                    : Integer.compare(a, b));
    for (int k = 0; assigned < n; k = (k + 1) % classes) {
      int c = order[k];
      if (quota[c] < byClass.get(c).size()) {
        quota[c]++;
        assigned++;
      }
    }
    Random random = new Random(seed);
    int[] chosen = new int[n];
    int k = 0;
    for (int c = 0; c < classes; c++) {
      List<Integer> members = new ArrayList<>(byClass.get(c));
      java.util.Collections.shuffle(members, random);
      for (int j = 0; j < quota[c]; j++) {
        chosen[k++] = members.get(j);
      }
    }
    Arrays.sort(chosen);
    return chosen;
  }

  /** The positions 0..size-1 that are not in {@code chosen} (which must be ascending). */
  public static int[] complement(int[] chosen, int size) {
    int[] rest = new int[size - chosen.length];
    int k = 0;
    int j = 0;
    for (int i = 0; i < size; i++) {
      if (j < chosen.length && chosen[j] == i) {
        j++;
      } else {
        rest[k++] = i;
      }
    }
    return rest;
  }
}
