package io.github.metaqnn4j.store;

import java.util.List;
import java.util.Objects;

/**
 * The best models of an experiment after finishing: each re-trained with a longer schedule on the
 * training and validation images and tested once on the test set, and the test accuracy of their
 * ensemble (softmax outputs averaged), as in the paper's section 5.
 *
 * <pre>{@code
 * store.finals().ifPresent(f -> System.out.println(f.ensembleTestAccuracy()));
 * }</pre>
 *
 * @param models the finished models, best search reward first
 * @param ensembleTestAccuracy the test accuracy of the averaged softmax outputs of all of them
 * @param settings how they were trained (epochs, data, seed), for provenance
 */
public record FinalModels(List<Model> models, double ensembleTestAccuracy, String settings) {
  public FinalModels {
    models = List.copyOf(models);
    Objects.requireNonNull(settings, "settings");
    if (models.isEmpty()) {
      throw new IllegalArgumentException("finishing needs at least one model");
    }
    requireAccuracy(ensembleTestAccuracy, "ensemble test accuracy");
  }

  /**
   * One finished model.
   *
   * @param architecture the architecture in the paper's notation
   * @param testAccuracy its accuracy on the test set after the last epoch
   * @param seconds its training time
   * @param trainingLoss its mean training loss in each epoch
   */
  public record Model(
      String architecture, double testAccuracy, double seconds, List<Double> trainingLoss) {
    public Model {
      Objects.requireNonNull(architecture, "architecture");
      requireAccuracy(testAccuracy, "test accuracy of " + architecture);
      trainingLoss = List.copyOf(trainingLoss);
    }
  }

  private static void requireAccuracy(double value, String what) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], got " + value);
    }
  }
}
