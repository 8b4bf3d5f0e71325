package io.github.metaqnn4j.data;

/**
 * A preprocessing step of the paper, fitted on the training images and applied to all three splits.
 *
 * <pre>{@code
 * Datasets.cifar10().preprocess(Preprocessing.globalContrastNormalization(),
 *     Preprocessing.zcaWhitening(0.01)).load();
 * }</pre>
 */
public interface Preprocessing {
  /** The splits with this step fitted on {@code splits.train()} and applied to every split. */
  Splits apply(Splits splits);

  /** Subtracts the per-pixel mean of the training images. */
  static Preprocessing meanSubtraction() {
    return new ImageTransforms.MeanSubtraction();
  }

  /** Per image: subtracts its mean and divides by its standard deviation (floored at 1e-8). */
  static Preprocessing globalContrastNormalization() {
    return new ImageTransforms.GlobalContrast();
  }

  /**
   * Per pixel and channel: subtracts the Gaussian-weighted mean of its {@code kernel x kernel}
   * neighbourhood and divides by the neighbourhood's weighted standard deviation (floored at the
   * image's mean of those deviations).
   */
  static Preprocessing localContrastNormalization(int kernel) {
    return new ImageTransforms.LocalContrast(kernel);
  }

  /** ZCA whitening fitted on the training images, with {@code epsilon} added to eigenvalues. */
  static Preprocessing zcaWhitening(double epsilon) {
    return new ImageTransforms.Zca(epsilon);
  }

  /** Zero padding of {@code pixels} on every side. */
  static Preprocessing padding(int pixels) {
    return new ImageTransforms.Padding(pixels);
  }
}
