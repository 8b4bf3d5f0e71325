package io.github.metaqnn4j.space;

/** Convolution padding: SAME keeps the representation size, VALID shrinks it. */
public enum Padding {
  /** Output size {@code ceil(n / l)}: the paper's choice. */
  SAME,
  /** Output size {@code ceil((n - f + 1) / l)}. */
  VALID
}
