package io.github.metaqnn4j.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Saves figures as PNG (for reading) and SVG (for papers and slides).
 *
 * <pre>{@code
 * Figures.save(QAnalysis.of(result).byLayerType(), Path.of("figures/q_by_layer_type"));
 * // figures/q_by_layer_type.png and figures/q_by_layer_type.svg
 * }</pre>
 */
public final class Figures {
  private Figures() {}

  /**
   * Writes {@code base.png} and {@code base.svg}, creating the folder.
   *
   * @return the two files written
   * @throws UncheckedIOException naming the file that cannot be written
   */
  public static List<Path> save(Chart<?, ?> chart, Path base) {
    Path png = base.resolveSibling(base.getFileName() + ".png");
    Path svg = base.resolveSibling(base.getFileName() + ".svg");
    try {
      if (base.getParent() != null) {
        Files.createDirectories(base.getParent());
      }
      System.setProperty("java.awt.headless", "true");
      BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return List.of(png, svg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the figure " + base + ": " + e.getMessage(), e);
    }
  }

  /** An epsilon as a label: its shortest decimal form ({@code 0.1}, {@code 0.125}, {@code 1}). */
  static String epsilon(double epsilon) {
    return BigDecimal.valueOf(epsilon).stripTrailingZeros().toPlainString();
  }
}
