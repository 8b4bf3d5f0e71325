package io.github.metaqnn4j.controller;

/**
 * Where a policy is in the sequence of decisions it makes: the softmax head this step uses, the
 * options legal here, and the token fed to the LSTM. Immutable: {@link #after} is the next step.
 */
interface Walk {
  /** The head of this step. */
  int head();

  /** Which options of the head are legal here; null when all are. */
  boolean[] legal();

  /** The LSTM's input token at this step (0 at the start). */
  int token();

  /** The step after choosing {@code pick}, or null when the sequence ends with it. */
  Walk after(int pick);

  /** The walk of a fixed list of decisions, head t at step t, every option legal. */
  static Walk fixed(int[] options) {
    return new Fixed(options, 0, 0);
  }

  /**
   * A fixed list of decisions; the token of a pick is 1 + the options of earlier decisions + pick.
   */
  record Fixed(int[] options, int step, int token) implements Walk {
    @Override
    public int head() {
      return step;
    }

    @Override
    public boolean[] legal() {
      return null;
    }

    @Override
    public Walk after(int pick) {
      if (step + 1 == options.length) {
        return null;
      }
      int offset = 1;
      for (int t = 0; t < step; t++) {
        offset += options[t];
      }
      return new Fixed(options, step + 1, offset + pick);
    }
  }
}
