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
 */
public record Epoch(int index, double validationAccuracy, double loss, double seconds) {
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
