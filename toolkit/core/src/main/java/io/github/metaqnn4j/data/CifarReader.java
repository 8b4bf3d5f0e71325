package io.github.metaqnn4j.data;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the binary version of CIFAR-10 (records of 1 label byte and 3,072 pixel bytes) and
 * CIFAR-100 (2 label bytes, coarse then fine, and 3,072 pixel bytes; the fine label is used).
 * Member files are read record by record from their streams (a tar archive's, or a file's), and
 * each is checked before it is read: a whole number of records, and not more than {@value
 * #MAX_RECORDS} of them.
 *
 * <pre>{@code
 * var reader = new CifarReader(false, Path.of("cifar-10-binary.tar.gz"));
 * reader.add("test_batch.bin", in, size);             // in: the member's stream
 * reader.dataset(List.of("test_batch.bin"), "cifar10/test");
 * }</pre>
 */
public final class CifarReader {
  private static final int PIXELS = 3 * 32 * 32;

  /** The most records one member may hold (CIFAR-100's train.bin has 50,000). */
  public static final int MAX_RECORDS = 60_000;

  private final boolean cifar100;
  private final Path source;
  private final Map<String, Member> members = new LinkedHashMap<>();

  private record Member(byte[] pixels, int[] labels) {}

  /**
   * A reader of CIFAR-10 or, with {@code cifar100}, CIFAR-100 records.
   *
   * @param source the archive or folder, named in error messages
   */
  public CifarReader(boolean cifar100, Path source) {
    this.cifar100 = cifar100;
    this.source = source;
  }

  /** Reads the concatenated records of {@code parts}, each a whole member file's bytes. */
  public static ImageDataset read(List<byte[]> parts, boolean cifar100, String name, Path source) {
    CifarReader reader = new CifarReader(cifar100, source);
    List<String> names = new ArrayList<>();
    for (byte[] part : parts) {
      String member = "part " + names.size();
      try {
        reader.add(member, new ByteArrayInputStream(part), part.length);
      } catch (IOException e) {
        throw new DataFormatException(source, "cannot be read (" + e.getMessage() + ")", "", e);
      }
      names.add(member);
    }
    return reader.dataset(names, name);
  }

  /**
   * Reads member {@code name} of {@code size} bytes from {@code in}, record by record.
   *
   * @throws DataFormatException when the size is not a whole number of records, or too large, or a
   *     label is out of range
   * @throws IOException when the stream ends early or fails
   */
  public void add(String name, InputStream in, long size) throws IOException {
    int labelBytes = cifar100 ? 2 : 1;
    int record = labelBytes + PIXELS;
    int classes = cifar100 ? 100 : 10;
    if (size % record != 0) {
      throw new DataFormatException(
          source,
          "is not a CIFAR-"
              + classes
              + " binary file: "
              + name
              + " has "
              + size
              + " bytes, not a whole number of "
              + record
              + "-byte records (truncated?)",
          "Delete it so that the archive is downloaded again");
    }
    if (size / record > MAX_RECORDS) {
      throw new DataFormatException(
          source,
          name + " has " + size / record + " records, more than CIFAR's " + MAX_RECORDS,
          "Check that the file is the binary version of CIFAR-" + classes);
    }
    int n = (int) (size / record);
    byte[] pixels = new byte[n * PIXELS];
    int[] labels = new int[n];
    DataInputStream data = new DataInputStream(in);
    byte[] label = new byte[labelBytes];
    for (int k = 0; k < n; k++) {
      data.readFully(label);
      labels[k] = label[labelBytes - 1] & 0xFF;
      if (labels[k] >= classes) {
        throw new DataFormatException(
            source,
            name + " record " + k + " has label " + labels[k] + ", not below " + classes,
            "Check that the file is the binary version of CIFAR-" + classes);
      }
      data.readFully(pixels, k * PIXELS, PIXELS);
    }
    members.put(name, new Member(pixels, labels));
  }

  /** Whether member {@code name} has been read. */
  public boolean has(String name) {
    return members.containsKey(name);
  }

  /** The images of {@code names}, in that order, scaled to [0, 1]. */
  public ImageDataset dataset(List<String> names, String name) {
    int n = 0;
    for (String m : names) {
      n += members.get(m).labels().length;
    }
    float[] pixels = new float[n * PIXELS];
    int[] labels = new int[n];
    int k = 0;
    for (String m : names) {
      Member member = members.get(m);
      System.arraycopy(member.labels(), 0, labels, k, member.labels().length);
      byte[] bytes = member.pixels();
      for (int i = 0; i < bytes.length; i++) {
        pixels[k * PIXELS + i] = (bytes[i] & 0xFF) / 255f;
      }
      k += member.labels().length;
    }
    return new ImageDataset(name, 3, 32, 32, cifar100 ? 100 : 10, pixels, labels);
  }
}
