package io.github.metaqnn4j.space;

/**
 * An architecture that the state space does not allow. The message names the layer (by position,
 * from 0) and the rule it breaks.
 */
public final class IllegalArchitectureException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Architecture architecture;
  private final int index;
  private final String reason;

  IllegalArchitectureException(Architecture architecture, int index, String reason) {
    super(
        "Layer "
            + index
            + (index < architecture.size() ? " (" + architecture.layer(index).notation() + ")" : "")
            + " of "
            + architecture
            + " is not allowed in this state space: "
            + reason);
    this.architecture = architecture;
    this.index = index;
    this.reason = reason;
  }

  /** The architecture that was rejected. */
  public Architecture architecture() {
    return architecture;
  }

  /** The position (from 0) of the first layer that breaks a rule. */
  public int index() {
    return index;
  }

  /** The rule that layer breaks. */
  public String reason() {
    return reason;
  }
}
