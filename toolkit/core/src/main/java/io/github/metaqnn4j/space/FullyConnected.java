package io.github.metaqnn4j.space;

/**
 * A fully connected layer {@code FC(n)} with {@code n} units and ReLU.
 *
 * <pre>{@code
 * new FullyConnected(512).notation();   // "FC(512)"
 * }</pre>
 */
public record FullyConnected(int units) implements Layer {
  public FullyConnected {
    Layer.requirePositive("FC(n)", "units n", units);
  }

  @Override
  public String notation() {
    return "FC(" + units + ")";
  }

  @Override
  public String type() {
    return "FC";
  }

  @Override
  public String toString() {
    return notation();
  }
}
