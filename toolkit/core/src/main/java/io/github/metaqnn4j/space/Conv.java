package io.github.metaqnn4j.space;

/**
 * A convolution {@code C(n,f,l)}: {@code n} filters of size {@code f x f} with stride {@code l},
 * followed by ReLU.
 *
 * <pre>{@code
 * new Conv(64, 3, 1).notation();   // "C(64,3,1)"
 * }</pre>
 */
public record Conv(int filters, int kernel, int stride) implements Layer {
  public Conv {
    Layer.requirePositive("C(n,f,l)", "filters n", filters);
    Layer.requirePositive("C(n,f,l)", "kernel f", kernel);
    Layer.requirePositive("C(n,f,l)", "stride l", stride);
  }

  @Override
  public String notation() {
    return "C(" + filters + "," + kernel + "," + stride + ")";
  }

  @Override
  public String type() {
    return "C";
  }

  @Override
  public String toString() {
    return notation();
  }
}
