package io.github.metaqnn4j.analysis;

import java.awt.Color;
import java.util.Map;

/** The colours of every figure: one per layer type, the same everywhere. */
final class Palette {
  /** Convolution, pooling, fully connected, global average pooling, softmax (termination). */
  static final Map<String, Color> LAYER_TYPES =
      Map.of(
          "C", new Color(0x1f77b4),
          "P", new Color(0xff7f0e),
          "FC", new Color(0x2ca02c),
          "GAP", new Color(0xd62728),
          "SM", new Color(0x9467bd));

  /** Shades of the convolution colour for kernel sizes 1, 3, 5 and others, light to dark. */
  private static final Color[] CONV_SHADES = {
    new Color(0x9ecae1), new Color(0x4292c6), new Color(0x08519c), new Color(0x08306b)
  };

  /** Series of models (epsilon stages, learning curves), in order. */
  private static final Color[] SERIES = {
    new Color(0x4c72b0),
    new Color(0xdd8452),
    new Color(0x55a868),
    new Color(0xc44e52),
    new Color(0x8172b3),
    new Color(0x937860),
    new Color(0xda8bc3),
    new Color(0x8c8c8c),
    new Color(0xccb974),
    new Color(0x64b5cd)
  };

  private Palette() {}

  static Color layerType(String type) {
    return LAYER_TYPES.getOrDefault(type, Color.DARK_GRAY);
  }

  static Color convKernel(int index) {
    return CONV_SHADES[Math.min(index, CONV_SHADES.length - 1)];
  }

  static Color series(int index) {
    return SERIES[index % SERIES.length];
  }

  /** {@code c} with the given opacity (0..255). */
  static Color transparent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }
}
