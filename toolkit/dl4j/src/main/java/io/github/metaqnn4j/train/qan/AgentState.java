package io.github.metaqnn4j.train.qan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The QAN agent's state after an episode, as bytes for the store: the DQN's parameters and Adam
 * state, the target network, the replay memory slot by slot, the count of DQN updates, and (with
 * meta-momentum) the episode's weight trajectory. A resumed run continues from it exactly.
 */
final class AgentState {
  private static final int MAGIC = 0x51414e31; // "QAN1"

  /** What a resumed run needs besides the networks and the memory. */
  record Restored(int updates, List<INDArray> trajectory) {}

  private AgentState() {}

  static byte[] write(
      Dqn online, Dqn target, Replay replay, int updates, List<INDArray> trajectory) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(updates);
      vector(out, online.parameters().toDoubleVector());
      INDArray adam = online.updaterState();
      vector(out, adam == null ? new double[0] : adam.toDoubleVector());
      vector(out, target.parameters().toDoubleVector());
      List<Dqn.Transition> slots = replay.slots();
      out.writeInt(slots.size());
      out.writeInt(replay.nextSlot());
      for (Dqn.Transition t : slots) {
        vector(out, t.state());
        out.writeInt(t.action());
        out.writeDouble(t.reward());
        vector(out, t.next());
        out.writeBoolean(t.done());
      }
      out.writeInt(trajectory.size());
      for (INDArray w : trajectory) {
        float[] f = w.toFloatVector();
        out.writeInt(f.length);
        for (float x : f) {
          out.writeFloat(x);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Restores the networks and the memory from {@code state}.
   *
   * @throws IllegalStateException when the bytes are not a QAN agent's state
   */
  static Restored read(byte[] state, Dqn online, Dqn target, Replay replay) {
    try (var in = new DataInputStream(new ByteArrayInputStream(state))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalStateException("the store's agent state is not a QAN agent's");
      }
      int updates = in.readInt();
      INDArray params = Nd4j.create(vector(in));
      double[] adam = vector(in);
      online.restore(params, adam.length == 0 ? null : Nd4j.create(adam));
      target.restore(Nd4j.create(vector(in)), null);
      int count = in.readInt();
      int next = in.readInt();
      List<Dqn.Transition> slots = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        slots.add(
            new Dqn.Transition(
                vector(in), in.readInt(), in.readDouble(), vector(in), in.readBoolean()));
      }
      replay.restore(slots, next);
      int steps = in.readInt();
      List<INDArray> trajectory = new ArrayList<>(steps);
      for (int s = 0; s < steps; s++) {
        float[] f = new float[in.readInt()];
        for (int k = 0; k < f.length; k++) {
          f[k] = in.readFloat();
        }
        trajectory.add(Nd4j.create(f).reshape(1, f.length));
      }
      return new Restored(updates, trajectory);
    } catch (IOException e) {
      throw new IllegalStateException("the store's agent state is damaged: " + e.getMessage(), e);
    }
  }

  private static void vector(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double x : v) {
      out.writeDouble(x);
    }
  }

  private static double[] vector(DataInputStream in) throws IOException {
    double[] v = new double[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readDouble();
    }
    return v;
  }
}
