package io.github.metaqnn4j.space;

/**
 * The transition rules of the paper (section 4.2), each switchable in {@link StateSpace.Builder}.
 * Returns the reason a transition is illegal, or null.
 */
final class TransitionRules {
  private TransitionRules() {}

  static String violation(StateSpace s, State state, int size, Layer action) {
    Layer last = state.layer();
    if (state.isTerminal()) {
      return "the architecture already ended with " + last.notation();
    }
    if (action instanceof Softmax sm) {
      if (sm.classes() != s.classes()) {
        return "the output must be SM(" + s.classes() + ") for " + s.classes() + " classes";
      }
      if (state.depth() < s.settings().minDepth()) {
        return "at least " + s.settings().minDepth() + " layers must come before the softmax";
      }
      return null;
    }
    if (state.depth() >= s.settings().maxDepth()) {
      return "the depth limit of "
          + s.settings().maxDepth()
          + " layers is reached: only SM may follow";
    }
    if (last instanceof GlobalAveragePooling) {
      return "only SM may follow GAP";
    }
    if (action instanceof Conv c) {
      return conv(s, last, size, c);
    }
    if (action instanceof Pool p) {
      return pool(s, last, size, p);
    }
    if (action instanceof FullyConnected fc) {
      return fullyConnected(s, state, fc);
    }
    GlobalAveragePooling gap = (GlobalAveragePooling) action;
    if (!s.settings().globalAveragePooling()) {
      return "GAP is switched off in this space";
    }
    if (gap.classes() != s.classes()) {
      return "GAP must have one channel per class: GAP(" + s.classes() + ")";
    }
    if (last instanceof FullyConnected) {
      return "GAP cannot follow FC";
    }
    return null;
  }

  private static String conv(StateSpace s, Layer last, int size, Conv c) {
    if (!s.settings().convFilters().contains(c.filters())
        || !s.settings().convKernels().contains(c.kernel())
        || !s.settings().convStrides().contains(c.stride())) {
      return "C(n,f,l) must have n in "
          + s.settings().convFilters()
          + ", f in "
          + s.settings().convKernels()
          + ", l in "
          + s.settings().convStrides();
    }
    if (last instanceof FullyConnected) {
      return "a convolution cannot follow FC";
    }
    return kernel(s, size, c.kernel());
  }

  private static String pool(StateSpace s, Layer last, int size, Pool p) {
    if (!s.settings().pools().contains(p)) {
      return "pooling must be one of " + s.settings().pools();
    }
    if (last == null && !s.settings().initialPooling()) {
      return "pooling cannot be the first layer";
    }
    if (last instanceof Pool && !s.settings().consecutivePooling()) {
      return "pooling cannot follow pooling";
    }
    if (last instanceof FullyConnected) {
      return "pooling cannot follow FC";
    }
    return kernel(s, size, p.kernel());
  }

  private static String kernel(StateSpace s, int size, int kernel) {
    KernelRule rule = s.settings().kernelRule();
    int bin = s.sizeBins().bin(size);
    if (!rule.allows(kernel, size, bin)) {
      return "the kernel "
          + kernel
          + " breaks the rule "
          + rule.description()
          + " at the representation size "
          + size
          + " (size bin "
          + s.sizeBins().label(bin)
          + ", value "
          + bin
          + ")";
    }
    return null;
  }

  private static String fullyConnected(StateSpace s, State state, FullyConnected fc) {
    if (!s.settings().fcSizes().contains(fc.units()) || s.settings().maxConsecutiveFc() == 0) {
      return s.settings().maxConsecutiveFc() == 0 || s.settings().fcSizes().isEmpty()
          ? "FC layers are switched off in this space"
          : "FC(n) must have n in " + s.settings().fcSizes();
    }
    if (state.layer() instanceof FullyConnected prev) {
      if (state.fcRun() >= s.settings().maxConsecutiveFc()) {
        return "at most " + s.settings().maxConsecutiveFc() + " FC layers may follow each other";
      }
      if (s.settings().fcNonIncreasing() && fc.units() > prev.units()) {
        return "consecutive FC layers must not grow: " + fc.units() + " > " + prev.units();
      }
      return null;
    }
    if (!s.settings().fcFromBins().contains(state.sizeBin())) {
      return "FC may follow only representation sizes in "
          + s.settings().fcFromBins().stream().map(s.sizeBins()::label).toList()
          + ", not "
          + s.sizeBins().label(state.sizeBin());
    }
    return null;
  }
}
