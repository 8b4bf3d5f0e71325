package io.github.metaqnn4j.space;

/**
 * The softmax output {@code SM(k)} over {@code k} classes: the termination state of every
 * architecture.
 *
 * <pre>{@code
 * new Softmax(10).notation();   // "SM(10)"
 * }</pre>
 */
public record Softmax(int classes) implements Layer {
  public Softmax {
    Layer.requirePositive("SM(k)", "classes k", classes);
  }

  @Override
  public boolean terminal() {
    return true;
  }

  @Override
  public String notation() {
    return "SM(" + classes + ")";
  }

  @Override
  public String type() {
    return "SM";
  }

  @Override
  public String toString() {
    return notation();
  }
}
