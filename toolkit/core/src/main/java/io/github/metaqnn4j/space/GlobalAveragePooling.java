package io.github.metaqnn4j.space;

/**
 * Global average pooling {@code GAP(k)} over {@code k} channels (one per class); only softmax may
 * follow it.
 *
 * <pre>{@code
 * new GlobalAveragePooling(10).notation();   // "GAP(10)"
 * }</pre>
 */
public record GlobalAveragePooling(int classes) implements Layer {
  public GlobalAveragePooling {
    Layer.requirePositive("GAP(k)", "classes k", classes);
  }

  @Override
  public String notation() {
    return "GAP(" + classes + ")";
  }

  @Override
  public String type() {
    return "GAP";
  }

  @Override
  public String toString() {
    return notation();
  }
}
