package io.github.metaqnn4j.space;

/**
 * Which kernel sizes a convolution or pooling layer may have at a representation size. The paper
 * and the code it ran on disagree, so each reading is a rule of its own:
 *
 * <ul>
 *   <li>{@link #ORIGINAL_CODE}: smaller than the value of the size bin (8, 4 or 1 with the paper's
 *       bins), as the original MetaQNN code enumerates states; the paper's results were produced
 *       with it. The default of every preset, and the rule of CSV import and export.
 *   <li>{@link #PAPER_TEXT}: at most the true representation size, as the paper's section 4.2 words
 *       it ("receptive field size less than or equal to the current representation size").
 *   <li>{@link #BELOW_SIZE}: smaller than the true representation size (the default of metaqnn4j
 *       0.1).
 *   <li>{@link #NONE}: any kernel.
 * </ul>
 *
 * <pre>{@code
 * StateSpace.cifar10().kernelRule(KernelRule.PAPER_TEXT).build();
 * KernelRule.ORIGINAL_CODE.allows(5, 6, 4);   // false: the size 6 is in the bin 4, and 5 >= 4
 * }</pre>
 */
public enum KernelRule {
  /** Kernel smaller than the size bin's value (the original code). */
  ORIGINAL_CODE("kernel < size bin"),
  /** Kernel at most the true size (the paper's text). */
  PAPER_TEXT("kernel <= size"),
  /** Kernel smaller than the true size. */
  BELOW_SIZE("kernel < size"),
  /** Any kernel. */
  NONE("any kernel");

  private final String description;

  KernelRule(String description) {
    this.description = description;
  }

  /**
   * Whether a kernel of {@code kernel} may be applied at true size {@code size} in bin {@code bin}.
   */
  public boolean allows(int kernel, int size, int bin) {
    return switch (this) {
      case ORIGINAL_CODE -> kernel < bin;
      case PAPER_TEXT -> kernel <= size;
      case BELOW_SIZE -> kernel < size;
      case NONE -> true;
    };
  }

  /** The rule in a few symbols, e.g. {@code kernel < size bin}. */
  public String description() {
    return description;
  }
}
