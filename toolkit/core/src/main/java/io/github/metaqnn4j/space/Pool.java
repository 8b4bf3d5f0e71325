package io.github.metaqnn4j.space;

/**
 * A max pooling layer {@code P(f,l)} with a {@code f x f} window and stride {@code l}. The
 * representation size after it is {@code ceil((n - f + 1) / l)}.
 *
 * <pre>{@code
 * new Pool(2, 2).outputSize(28);   // 14
 * }</pre>
 */
public record Pool(int kernel, int stride) implements Layer {
  public Pool {
    Layer.requirePositive("P(f,l)", "kernel f", kernel);
    Layer.requirePositive("P(f,l)", "stride l", stride);
  }

  /** The representation size after pooling an input of size {@code size}. */
  public int outputSize(int size) {
    int valid = size - kernel + 1;
    return Math.max(1, (valid + stride - 1) / stride);
  }

  @Override
  public String notation() {
    return "P(" + kernel + "," + stride + ")";
  }

  @Override
  public String type() {
    return "P";
  }

  @Override
  public String toString() {
    return notation();
  }
}
