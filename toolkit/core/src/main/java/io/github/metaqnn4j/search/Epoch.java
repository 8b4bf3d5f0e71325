package io.github.metaqnn4j.search;

/**
 * What one training epoch of a model achieved.
 *
 * <pre>{@code
 * new Epoch(1, 0.62, 1.05, 3.2);
 * }</pre>
 *
 * @param index the epoch number, from 1
 * @param validationAccuracy the accuracy on the validation set after this epoch, in [0, 1]
 * @param loss the mean training loss of this epoch
 * @param seconds the wall time of this epoch
 * @param testAccuracy the accuracy on the test set after this epoch, or NaN where it is not
 *     measured (a search never looks at the test set; recorded benchmark tables do)
 */
public record Epoch(
    int index, double validationAccuracy, double loss, double seconds, double testAccuracy) {
  /** An epoch without a test measurement. */
  public Epoch(int index, double validationAccuracy, double loss, double seconds) {
    this(index, validationAccuracy, loss, seconds, Double.NaN);
  }

  public Epoch {
    if (index < 1) {
      throw new IllegalArgumentException("epochs are numbered from 1, got " + index);
    }
    if (!(validationAccuracy >= 0 && validationAccuracy <= 1)) {
      throw new IllegalArgumentException(
          "validation accuracy must be in [0, 1], got " + validationAccuracy);
    }
  }
}
