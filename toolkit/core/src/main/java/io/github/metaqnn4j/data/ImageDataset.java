package io.github.metaqnn4j.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Labelled square images in memory: pixels as floats in channel-major order (image, channel, row,
 * column), labels as class indices. Raw readers give pixels scaled to [0, 1].
 *
 * <pre>{@code
 * var d = Datasets.fashionMnist().load().train();
 * d.size();            // images
 * d.pixel(0, 0, 14, 14);
 * }</pre>
 *
 * @param name where the images come from, e.g. "fashion-mnist/train"
 * @param channels colour channels (1 or 3)
 * @param height rows per image
 * @param width columns per image
 * @param classes number of classes; every label is in [0, classes)
 * @param pixels {@code size * channels * height * width} values
 * @param labels one class index per image
 */
public record ImageDataset(
    String name, int channels, int height, int width, int classes, float[] pixels, int[] labels) {

  public ImageDataset {
    Objects.requireNonNull(name, "name");
    if (channels < 1 || height < 1 || width < 1 || classes < 2) {
      throw new IllegalArgumentException(
          name
              + ": invalid shape "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " with "
              + classes
              + " classes");
    }
    long expected = (long) labels.length * channels * height * width;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          name
              + ": "
              + labels.length
              + " labels need "
              + expected
              + " pixel values, got "
              + pixels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            name + ": label " + labels[i] + " of image " + i + " is outside [0, " + classes + ")");
      }
    }
  }

  /** The number of images. */
  public int size() {
    return labels.length;
  }

  /** Values per image: channels x height x width. */
  public int imageLength() {
    return channels * height * width;
  }

  /** One pixel value. */
  public float pixel(int image, int channel, int row, int column) {
    return pixels[((image * channels + channel) * height + row) * width + column];
  }

  /** The images at the given positions, in that order. */
  public ImageDataset select(int[] indices, String newName) {
    int len = imageLength();
    float[] p = new float[indices.length * len];
    int[] l = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * len, p, k * len, len);
      l[k] = labels[indices[k]];
    }
    return new ImageDataset(newName, channels, height, width, classes, p, l);
  }

  /**
   * These images followed by {@code other}'s, e.g. training and validation images for a final
   * training.
   *
   * @throws IllegalArgumentException when the two differ in shape or classes
   */
  public ImageDataset concat(ImageDataset other, String newName) {
    if (other.channels != channels
        || other.height != height
        || other.width != width
        || other.classes != classes) {
      throw new IllegalArgumentException(
          "cannot join " + this + " and " + other + ": their shapes or classes differ");
    }
    float[] p = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
    System.arraycopy(other.pixels, 0, p, pixels.length, other.pixels.length);
    int[] l = Arrays.copyOf(labels, labels.length + other.labels.length);
    System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
    return new ImageDataset(newName, channels, height, width, classes, p, l);
  }

  /** The same labels with other pixels (of the given size). */
  public ImageDataset withPixels(float[] newPixels, int newHeight, int newWidth) {
    return new ImageDataset(name, channels, newHeight, newWidth, classes, newPixels, labels);
  }

  /** How many images each class has. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageDataset d
        && name.equals(d.name)
        && channels == d.channels
        && height == d.height
        && width == d.width
        && classes == d.classes
        && Arrays.equals(pixels, d.pixels)
        && Arrays.equals(labels, d.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, channels, height, width, classes, Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return name
        + ": "
        + size()
        + " images "
        + channels
        + "x"
        + height
        + "x"
        + width
        + ", "
        + classes
        + " classes";
  }
}
