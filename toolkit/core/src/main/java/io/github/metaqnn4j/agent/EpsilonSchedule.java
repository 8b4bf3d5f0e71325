package io.github.metaqnn4j.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How exploration decreases: a list of stages, each an epsilon and a number of new (unique) models
 * trained with it. The paper's Table 2: epsilon 1.0 for 1500 models, 0.9 to 0.7 for 100 each, 0.6
 * to 0.1 for 150 each.
 *
 * <pre>{@code
 * EpsilonSchedule.paper().scaledTo(120);             // same proportions, 120 models
 * EpsilonSchedule.start(1.0, 50).then(0.5, 20).then(0.1, 20);
 * }</pre>
 *
 * @param stages the stages in order
 */
public record EpsilonSchedule(List<Stage> stages) {

  /** One stage: {@code models} new models sampled with exploration rate {@code epsilon}. */
  public record Stage(double epsilon, int models) {
    public Stage {
      if (!(epsilon >= 0 && epsilon <= 1)) {
        throw new IllegalArgumentException("epsilon must be in [0, 1], got " + epsilon);
      }
      if (models < 0) {
        throw new IllegalArgumentException("a stage's model count must not be negative");
      }
    }
  }

  /** The most models a schedule may hold: a search's iterations are counted in an int. */
  public static final int MOST_MODELS = 100_000_000;

  public EpsilonSchedule {
    stages = List.copyOf(stages);
    long total = stages.stream().mapToLong(Stage::models).sum(); // no int overflow
    if (total <= 0) {
      throw new IllegalArgumentException("an epsilon schedule needs at least one model");
    }
    if (total > MOST_MODELS) {
      throw new IllegalArgumentException(
          "an epsilon schedule holds at most "
              + MOST_MODELS
              + " models (the paper's has 2,700), got "
              + total);
    }
  }

  /** The paper's schedule (Table 2): 2,700 models in all. */
  public static EpsilonSchedule paper() {
    return start(1.0, 1500)
        .then(0.9, 100)
        .then(0.8, 100)
        .then(0.7, 100)
        .then(0.6, 150)
        .then(0.5, 150)
        .then(0.4, 150)
        .then(0.3, 150)
        .then(0.2, 150)
        .then(0.1, 150);
  }

  /**
   * Reads a schedule written as {@code "paper"} or as stages {@code "epsilon x models"} separated
   * by commas, e.g. {@code "1.0x30, 0.5x10, 0.1x10"} (the form {@link #toString()} lists).
   *
   * @throws IllegalArgumentException naming the stage that cannot be read
   */
  public static EpsilonSchedule parse(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("paper")) {
      return paper();
    }
    if (t.startsWith("EpsilonSchedule[") && t.endsWith("]")) {
      t = t.substring("EpsilonSchedule[".length(), t.length() - 1);
    }
    List<Stage> stages = new ArrayList<>();
    for (String part : t.split(",", -1)) { // -1: an empty stage at the end is an error too
      String[] em = part.strip().split("\\s*x\\s*");
      try {
        if (em.length != 2) {
          throw new NumberFormatException();
        }
        stages.add(new Stage(Double.parseDouble(em[0]), Integer.parseInt(em[1])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "cannot read the schedule stage '"
                + io.github.metaqnn4j.space.Echo.of(part.strip())
                + "' of '"
                + io.github.metaqnn4j.space.Echo.of(text)
                + "': write stages as epsilon x models, e.g. 1.0x30, 0.5x10, or 'paper'");
      }
    }
    return new EpsilonSchedule(stages);
  }

  /** A schedule whose first stage is {@code models} models at {@code epsilon}. */
  public static EpsilonSchedule start(double epsilon, int models) {
    return new EpsilonSchedule(List.of(new Stage(epsilon, models)));
  }

  /** This schedule followed by {@code models} models at {@code epsilon}. */
  public EpsilonSchedule then(double epsilon, int models) {
    List<Stage> s = new ArrayList<>(stages);
    s.add(new Stage(epsilon, models));
    return new EpsilonSchedule(s);
  }

  /** The total number of models. */
  public int total() {
    return stages.stream().mapToInt(Stage::models).sum();
  }

  /**
   * The same stages with model counts scaled to {@code total} in the same proportions (largest
   * remainder rounding, so the counts add up to {@code total} exactly).
   */
  public EpsilonSchedule scaledTo(int total) {
    if (total < 1) {
      throw new IllegalArgumentException("a scaled schedule needs at least 1 model, got " + total);
    }
    int sum = total();
    int[] counts = new int[stages.size()];
    double[] remainders = new double[stages.size()];
    int assigned = 0;
    for (int i = 0; i < counts.length; i++) {
      double exact = (double) stages.get(i).models() * total / sum;
      counts[i] = (int) Math.floor(exact);
      remainders[i] = exact - counts[i];
      assigned += counts[i];
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -remainders[i]).thenComparing(i -> i));
    for (int k = 0; assigned < total; k++, assigned++) {
      counts[order.get(k)]++;
    }
    List<Stage> scaled = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      scaled.add(new Stage(stages.get(i).epsilon(), counts[i]));
    }
    return new EpsilonSchedule(scaled);
  }

  /**
   * The epsilon for the model that follows {@code modelsDone} unique models.
   *
   * @throws IllegalArgumentException when the schedule is already complete
   */
  public double epsilonAt(int modelsDone) {
    if (modelsDone < 0) {
      throw new IllegalArgumentException("modelsDone must not be negative");
    }
    int end = 0;
    for (Stage s : stages) {
      end += s.models();
      if (modelsDone < end) {
        return s.epsilon();
      }
    }
    throw new IllegalArgumentException(
        "the schedule has " + total() + " models; there is no model number " + modelsDone);
  }

  @Override
  public String toString() {
    return stages.stream()
        .map(s -> s.epsilon() + " x " + s.models())
        .collect(Collectors.joining(", ", "EpsilonSchedule[", "]"));
  }
}
