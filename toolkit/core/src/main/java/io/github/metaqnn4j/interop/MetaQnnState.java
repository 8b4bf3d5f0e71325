package io.github.metaqnn4j.interop;

import io.github.metaqnn4j.space.Conv;
import io.github.metaqnn4j.space.FullyConnected;
import io.github.metaqnn4j.space.GlobalAveragePooling;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.Pool;
import io.github.metaqnn4j.space.Softmax;
import io.github.metaqnn4j.space.State;
import io.github.metaqnn4j.space.StateSpace;

/**
 * A state as the original MetaQNN code writes it in {@code q_values.csv}: layer type (start, conv,
 * pool, fc, gap), layer depth, filter depth (the number of filters of a convolution, or for fc the
 * number of FC layers before this one in a row), filter size, stride, bucketed image size, fc size
 * and the terminate flag. A transition to softmax is written as a copy of the state one layer
 * deeper with terminate 1. An action's image size is the bucket its enumerator computes: for conv
 * (SAME padding) and softmax the bucket it is taken from, for pool (and VALID conv) the bucket it
 * lands in when applied to the bucket's value, for fc and gap 1.
 */
record MetaQnnState(
    String layerType,
    int layerDepth,
    int filterDepth,
    int filterSize,
    int stride,
    int imageSize,
    int fcSize,
    int terminate) {

  /** The original form of one of our states. */
  static MetaQnnState of(State s) {
    int d = s.depth();
    Layer layer = s.layer();
    if (layer == null) {
      return new MetaQnnState("start", 0, 1, 0, 0, s.sizeBin(), 0, 0);
    }
    if (layer instanceof Conv c) {
      return new MetaQnnState("conv", d, c.filters(), c.kernel(), c.stride(), s.sizeBin(), 0, 0);
    }
    if (layer instanceof Pool p) {
      return new MetaQnnState("pool", d, 0, p.kernel(), p.stride(), s.sizeBin(), 0, 0);
    }
    if (layer instanceof FullyConnected f) {
      return new MetaQnnState("fc", d, s.fcRun() - 1, 0, 0, s.sizeBin(), f.units(), 0);
    }
    if (layer instanceof GlobalAveragePooling) {
      return new MetaQnnState("gap", d, 0, 0, 0, s.sizeBin(), 0, 0);
    }
    throw new IllegalArgumentException("no original form for the state " + s);
  }

  /** The original form of the action {@code action} taken in {@code from}, in {@code space}. */
  static MetaQnnState action(State from, Layer action, StateSpace space) {
    int d = from.depth() + 1;
    int bin = from.sizeBin();
    if (action instanceof Softmax) {
      MetaQnnState s = of(from);
      return new MetaQnnState(
          s.layerType, d, s.filterDepth, s.filterSize, s.stride, s.imageSize, s.fcSize, 1);
    }
    if (action instanceof Conv c) {
      int lands = space.sizeBins().bin(space.sizeAfter(bin, c));
      return new MetaQnnState("conv", d, c.filters(), c.kernel(), c.stride(), lands, 0, 0);
    }
    if (action instanceof Pool p) {
      int lands = space.sizeBins().bin(space.sizeAfter(bin, p));
      return new MetaQnnState("pool", d, 0, p.kernel(), p.stride(), lands, 0, 0);
    }
    if (action instanceof FullyConnected f) {
      int before = from.layer() instanceof FullyConnected ? from.fcRun() : 0;
      return new MetaQnnState("fc", d, before, 0, 0, 1, f.units(), 0);
    }
    if (action instanceof GlobalAveragePooling) {
      return new MetaQnnState("gap", d, 0, 0, 0, 1, 0, 0);
    }
    throw new IllegalArgumentException("no original form for the action " + action);
  }

  /**
   * Our state for this original one, in {@code space}.
   *
   * @throws IllegalArgumentException for a layer type or terminal state that has none
   */
  State toState(StateSpace space) {
    if (terminate != 0) {
      throw new IllegalArgumentException("a terminal state has no actions: " + this);
    }
    int smallest = space.sizeBins().bin(1);
    return switch (layerType) {
      case "start" -> new State(null, 0, imageSize, 0);
      case "conv" -> new State(new Conv(filterDepth, filterSize, stride), layerDepth, imageSize, 0);
      case "pool" -> new State(new Pool(filterSize, stride), layerDepth, imageSize, 0);
      case "fc" -> new State(new FullyConnected(fcSize), layerDepth, smallest, filterDepth + 1);
      case "gap" -> new State(new GlobalAveragePooling(space.classes()), layerDepth, smallest, 0);
      default -> throw new IllegalArgumentException("unknown layer type '" + layerType + "'");
    };
  }

  /** Our layer for this original action state, in {@code space}. */
  Layer toAction(StateSpace space) {
    if (terminate == 1) {
      return new Softmax(space.classes());
    }
    return toState(space).layer();
  }

  /**
   * Whether this is the form the original code's replay updates use. Its sampling walk also creates
   * FC and GAP states keyed by the image size before the layer; those are duplicates whose values
   * replay never updates.
   */
  boolean canonical() {
    return !(layerType.equals("fc") || layerType.equals("gap")) || imageSize == 1;
  }
}
