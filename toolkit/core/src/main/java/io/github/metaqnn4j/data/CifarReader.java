package io.github.metaqnn4j.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the binary version of CIFAR-10 (records of 1 label byte and 3,072 pixel bytes) and
 * CIFAR-100 (2 label bytes, coarse then fine, and 3,072 pixel bytes; the fine label is used).
 *
 * <pre>{@code
 * CifarReader.read(List.of(batchBytes), false, "cifar10/train", Path.of("data_batch_1.bin"));
 * }</pre>
 */
public final class CifarReader {
  private static final int PIXELS = 3 * 32 * 32;

  private CifarReader() {}

  /**
   * Reads the concatenated records of {@code parts}.
   *
   * @param cifar100 whether the records are CIFAR-100's (two label bytes, 100 fine classes)
   * @param source named in error messages
   */
  public static ImageDataset read(List<byte[]> parts, boolean cifar100, String name, Path source) {
    int labelBytes = cifar100 ? 2 : 1;
    int record = labelBytes + PIXELS;
    int classes = cifar100 ? 100 : 10;
    long total = parts.stream().mapToLong(p -> p.length).sum();
    for (byte[] p : parts) {
      if (p.length % record != 0) {
        throw new DataFormatException(
            source,
            "is not a CIFAR-"
                + classes
                + " binary file: "
                + p.length
                + " bytes is not a whole number of "
                + record
                + "-byte records (truncated?)",
            "Delete it so that the archive is downloaded again");
      }
    }
    int n = (int) (total / record);
    float[] pixels = new float[n * PIXELS];
    int[] labels = new int[n];
    int k = 0;
    for (byte[] p : parts) {
      for (int off = 0; off < p.length; off += record, k++) {
        labels[k] = p[off + labelBytes - 1] & 0xFF;
        if (labels[k] >= classes) {
          throw new DataFormatException(
              source,
              "record " + k + " has label " + labels[k] + ", not below " + classes,
              "Check that the file is the binary version of CIFAR-" + classes);
        }
        int base = k * PIXELS;
        for (int i = 0; i < PIXELS; i++) {
          pixels[base + i] = (p[off + labelBytes + i] & 0xFF) / 255f;
        }
      }
    }
    return new ImageDataset(name, 3, 32, 32, classes, pixels, labels);
  }
}
