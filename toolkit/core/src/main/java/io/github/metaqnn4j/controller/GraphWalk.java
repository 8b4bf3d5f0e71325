package io.github.metaqnn4j.controller;

import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.StateGraph;
import java.util.List;
import java.util.Map;

/**
 * A walk through a MetaQNN state space: one head over the space's whole layer vocabulary, masked at
 * each step to the layers legal at the current state and size, the previous layer as input token;
 * the walk ends with the softmax. The controller thus designs exactly the architectures Q-learning
 * and random search can.
 */
record GraphWalk(StateGraph.Node node, List<Layer> vocabulary, Map<Layer, Integer> index, int token)
    implements Walk {
  @Override
  public int head() {
    return 0;
  }

  @Override
  public boolean[] legal() {
    boolean[] legal = new boolean[vocabulary.size()];
    for (int i = 0; i < node.actionCount(); i++) {
      legal[index.get(node.action(i))] = true;
    }
    return legal;
  }

  @Override
  public Walk after(int pick) {
    int i = node.indexOf(vocabulary.get(pick));
    if (i < 0) {
      throw new IllegalArgumentException(vocabulary.get(pick) + " is not legal at " + node);
    }
    StateGraph.Node next = node.next(i);
    return next == null ? null : new GraphWalk(next, vocabulary, index, 1 + pick);
  }
}
