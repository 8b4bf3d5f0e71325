package io.github.metaqnn4j.data;

import java.util.Map;
import java.util.Objects;

/**
 * The three parts of a dataset the search uses: training images, a validation split (the reward
 * signal) and the test set (only for finishing the best models).
 *
 * <pre>{@code
 * var s = Datasets.fashionMnist().validation(5_000).load();
 * s.train(); s.validation(); s.test();
 * }</pre>
 *
 * @param train the images models are trained on
 * @param validation the held-out images whose accuracy is the reward
 * @param test the test images
 * @param description how the splits were made (dataset, sizes, seed, preprocessing)
 * @param sources the files the images were read from, by path, with their SHA-256 (empty for images
 *     made in memory): recorded as provenance with a search
 */
public record Splits(
    ImageDataset train,
    ImageDataset validation,
    ImageDataset test,
    String description,
    Map<String, String> sources) {
  public Splits {
    Objects.requireNonNull(train, "train");
    sources = Map.copyOf(sources);
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    if (train.imageLength() != validation.imageLength()
        || train.imageLength() != test.imageLength()) {
      throw new IllegalArgumentException("train, validation and test images differ in shape");
    }
  }

  /** Splits of images made in memory, with no source files. */
  public Splits(
      ImageDataset train, ImageDataset validation, ImageDataset test, String description) {
    this(train, validation, test, description, Map.of());
  }

  /** Channels of every image. */
  public int channels() {
    return train.channels();
  }

  /** Width and height of every (square) image. */
  public int imageSize() {
    return train.height();
  }

  /** Number of classes. */
  public int classes() {
    return train.classes();
  }

  @Override
  public String toString() {
    return description
        + " (train "
        + train.size()
        + ", validation "
        + validation.size()
        + ", test "
        + test.size()
        + ")";
  }
}
