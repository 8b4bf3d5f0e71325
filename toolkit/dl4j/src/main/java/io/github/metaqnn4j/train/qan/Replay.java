package io.github.metaqnn4j.train.qan;

import io.github.metaqnn4j.agent.Rng;
import java.util.ArrayList;
import java.util.List;

/** The DQN's replay memory: the latest {@code capacity} transitions, sampled uniformly. */
final class Replay {
  private final int capacity;
  private final List<Dqn.Transition> items = new ArrayList<>();
  private int next;

  Replay(int capacity) {
    this.capacity = capacity;
  }

  void add(Dqn.Transition t) {
    if (items.size() < capacity) {
      items.add(t);
    } else {
      items.set(next, t);
    }
    next = (next + 1) % capacity;
  }

  int size() {
    return items.size();
  }

  /** {@code n} transitions drawn with replacement. */
  List<Dqn.Transition> sample(int n, Rng rng) {
    List<Dqn.Transition> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(items.get(rng.nextInt(items.size())));
    }
    return out;
  }

  /** The stored transitions in slot order (not age order). */
  List<Dqn.Transition> slots() {
    return List.copyOf(items);
  }

  /** The slot the next transition goes to. */
  int nextSlot() {
    return next;
  }

  /** Restores {@link #slots} and {@link #nextSlot} written by another memory of this capacity. */
  void restore(List<Dqn.Transition> slots, int nextSlot) {
    items.clear();
    items.addAll(slots);
    next = nextSlot;
  }
}
