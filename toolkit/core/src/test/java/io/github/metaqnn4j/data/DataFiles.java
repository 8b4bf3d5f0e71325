package io.github.metaqnn4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/** Writes small files in the real dataset formats, for reader tests. */
final class DataFiles {
  private DataFiles() {}

  /** Pixel value of image i at (c, r, col), a known pattern. */
  static int pixel(int i, int c, int r, int col) {
    return (i * 31 + c * 17 + r * 7 + col * 3) % 256;
  }

  static byte[] idxImages(int n, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
    b.putInt(0x803).putInt(n).putInt(rows).putInt(cols);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          b.put((byte) pixel(i, 0, r, c));
        }
      }
    }
    return b.array();
  }

  static byte[] idxLabels(int n, int classes) {
    ByteBuffer b = ByteBuffer.allocate(8 + n);
    b.putInt(0x801).putInt(n);
    for (int i = 0; i < n; i++) {
      b.put((byte) (i % classes));
    }
    return b.array();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** CIFAR binary records: label byte(s) then 3x32x32 pixels; label of record i is i % classes. */
  static byte[] cifarRecords(int n, boolean cifar100, int offset) {
    int labelBytes = cifar100 ? 2 : 1;
    ByteBuffer b = ByteBuffer.allocate(n * (labelBytes + 3072));
    for (int k = 0; k < n; k++) {
      int i = k + offset;
      if (cifar100) {
        b.put((byte) ((i % 100) / 5)); // coarse
        b.put((byte) (i % 100)); // fine
      } else {
        b.put((byte) (i % 10));
      }
      for (int c = 0; c < 3; c++) {
        for (int r = 0; r < 32; r++) {
          for (int col = 0; col < 32; col++) {
            b.put((byte) pixel(i, c, r, col));
          }
        }
      }
    }
    return b.array();
  }

  static void tarGz(Path archive, Map<String, byte[]> members) throws IOException {
    try (OutputStream raw = Files.newOutputStream(archive);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
      for (var e : members.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
  }

  /** An SVHN-format .mat file: X 32x32x3xN uint8, y Nx1 double with digit labels 1..10. */
  static void svhnMat(Path file, int n) throws IOException {
    Matrix x = Mat5.newMatrix(new int[] {32, 32, 3, n}, MatlabType.UInt8);
    Matrix y = Mat5.newMatrix(n, 1);
    int[] idx = new int[4];
    for (int i = 0; i < n; i++) {
      idx[3] = i;
      for (int c = 0; c < 3; c++) {
        idx[2] = c;
        for (int r = 0; r < 32; r++) {
          idx[0] = r;
          for (int col = 0; col < 32; col++) {
            idx[1] = col;
            x.setByte(idx, (byte) pixel(i, c, r, col));
          }
        }
      }
      y.setDouble(i, 0, i % 10 + 1); // 1..10, where 10 is the digit 0
    }
    try (var mat = Mat5.newMatFile().addArray("X", x).addArray("y", y)) {
      Mat5.writeToFile(mat, file.toFile());
    }
  }
}
