package io.github.metaqnn4j.data;

import java.io.IOException;
import java.nio.file.Path;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Reads SVHN's cropped digits (format 2: {@code train_32x32.mat}, {@code test_32x32.mat}) with the
 * MAT-file library MFL: {@code X} is a 32x32x3xN uint8 array, {@code y} an Nx1 array of labels 1 to
 * 10, where 10 stands for the digit 0.
 *
 * <pre>{@code
 * SvhnReader.read(Path.of("train_32x32.mat"), "svhn/train");
 * }</pre>
 */
public final class SvhnReader {
  private static final String FIX = "Delete it so that it is downloaded again";

  private SvhnReader() {}

  /** Reads one SVHN .mat file. */
  public static ImageDataset read(Path file, String name) {
    try (var mat = Mat5.readFromFile(file.toFile())) {
      Matrix x;
      Matrix y;
      try {
        x = mat.getMatrix("X");
        y = mat.getMatrix("y");
      } catch (RuntimeException e) {
        throw new DataFormatException(
            file, "has no matrices X and y (" + e.getMessage() + ")", FIX, e);
      }
      int[] dims = x.getDimensions();
      if (dims.length != 4 || dims[0] != 32 || dims[1] != 32 || dims[2] != 3) {
        throw new DataFormatException(
            file, "X has shape " + java.util.Arrays.toString(dims) + ", expected 32x32x3xN", FIX);
      }
      int n = dims[3];
      if (y.getNumElements() != n) {
        throw new DataFormatException(
            file, "y has " + y.getNumElements() + " labels for " + n + " images", FIX);
      }
      float[] pixels = new float[n * 3 * 32 * 32];
      int[] labels = new int[n];
      int[] index = new int[4];
      for (int i = 0; i < n; i++) {
        int digit = (int) y.getDouble(i);
        if (digit < 1 || digit > 10) {
          throw new DataFormatException(
              file, "label " + digit + " of image " + i + " is not 1..10", FIX);
        }
        labels[i] = digit % 10;
        index[3] = i;
        for (int c = 0; c < 3; c++) {
          index[2] = c;
          for (int r = 0; r < 32; r++) {
            index[0] = r;
            for (int col = 0; col < 32; col++) {
              index[1] = col;
              pixels[((i * 3 + c) * 32 + r) * 32 + col] = (x.getByte(index) & 0xFF) / 255f;
            }
          }
        }
      }
      return new ImageDataset(name, 3, 32, 32, 10, pixels, labels);
    } catch (IOException e) {
      throw new DataFormatException(
          file, "cannot be read as a MAT file (" + e.getMessage() + ")", FIX, e);
    }
  }
}
