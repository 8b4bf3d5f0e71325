package io.github.metaqnn4j.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (unsigned bytes; images with magic 0x803, labels
 * with magic 0x801), gzipped or not.
 *
 * <pre>{@code
 * IdxReader.read(Path.of("train-images-idx3-ubyte.gz"), Path.of("train-labels-idx1-ubyte.gz"),
 *     "fashion-mnist/train", 10);
 * }</pre>
 */
public final class IdxReader {
  private static final String FIX =
      "Delete the file so that it is downloaded again, or replace it with the original IDX file";

  private IdxReader() {}

  /** Reads an image file and its label file into a dataset with pixels scaled to [0, 1]. */
  public static ImageDataset read(Path images, Path labels, String name, int classes) {
    byte[] img = payload(images);
    byte[] lab = payload(labels);
    ByteBuffer ib = ByteBuffer.wrap(img);
    ByteBuffer lb = ByteBuffer.wrap(lab);
    expectMagic(images, img, ib, 0x803, "an IDX image file (magic 0x00000803)");
    expectMagic(labels, lab, lb, 0x801, "an IDX label file (magic 0x00000801)");
    int n = ib.getInt();
    int rows = ib.getInt();
    int cols = ib.getInt();
    int m = lb.getInt();
    if (n != m) {
      throw new DataFormatException(
          labels,
          "has " + m + " labels but " + images.getFileName() + " has " + n + " images",
          FIX);
    }
    long expectedImages = 16L + (long) n * rows * cols;
    if (img.length != expectedImages) {
      throw new DataFormatException(
          images,
          "truncated or padded: "
              + n
              + " images of "
              + rows
              + "x"
              + cols
              + " need "
              + expectedImages
              + " bytes, found "
              + img.length,
          FIX);
    }
    if (lab.length != 8L + n) {
      throw new DataFormatException(
          labels,
          "truncated: " + n + " labels need " + (8 + n) + " bytes, found " + lab.length,
          FIX);
    }
    float[] pixels = new float[n * rows * cols];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (img[16 + i] & 0xFF) / 255f;
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = lab[8 + i] & 0xFF;
      if (y[i] >= classes) {
        throw new DataFormatException(
            labels, "label " + y[i] + " of image " + i + " is not below " + classes, FIX);
      }
    }
    return new ImageDataset(name, 1, rows, cols, classes, pixels, y);
  }

  /** The most bytes an IDX file may hold, decompressed (MNIST's largest has 47 MB). */
  static final int MAX_BYTES = 1 << 30;

  /** The file's bytes, decompressed when it is gzipped, up to {@link #MAX_BYTES}. */
  static byte[] payload(Path file) {
    return payload(file, MAX_BYTES);
  }

  static byte[] payload(Path file, int maxBytes) {
    try {
      if (Files.size(file) > maxBytes) {
        throw new DataFormatException(
            file,
            "has " + Files.size(file) + " bytes, more than an IDX file may (" + maxBytes + ")",
            FIX);
      }
      byte[] raw = Files.readAllBytes(file);
      if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          byte[] out = in.readNBytes(maxBytes);
          if (in.read() >= 0) {
            throw new DataFormatException(
                file,
                "decompresses to more than " + maxBytes + " bytes, more than an IDX file may",
                FIX);
          }
          return out;
        } catch (IOException e) {
          throw new DataFormatException(
              file, "is a damaged gzip file (" + e.getMessage() + ")", FIX, e);
        }
      }
      return raw;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void expectMagic(Path file, byte[] data, ByteBuffer b, int magic, String what) {
    if (data.length < (magic == 0x803 ? 16 : 8) || b.getInt() != magic) {
      throw new DataFormatException(file, "is not " + what, FIX);
    }
  }
}
