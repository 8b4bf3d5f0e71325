package io.github.metaqnn4j.train.qan;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Q-network: an MLP (two ReLU layers) from the observation to one Q value per action, trained
 * on the squared error to {@code r + gamma * max_a' Q_target(s', a')} (just {@code r} at the end of
 * an episode); only the taken action's output has an error.
 */
final class Dqn {
  private final MultiLayerNetwork net;
  private final int actions;

  /** One transition of the environment. */
  record Transition(double[] state, int action, double reward, double[] next, boolean done) {}

  Dqn(int inputs, int actions, int hidden, double rate, long seed) {
    this.actions = actions;
    net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(rate))
                .list()
                .layer(
                    new DenseLayer.Builder()
                        .nIn(inputs)
                        .nOut(hidden)
                        .activation(Activation.RELU)
                        .build())
                .layer(
                    new DenseLayer.Builder()
                        .nIn(hidden)
                        .nOut(hidden)
                        .activation(Activation.RELU)
                        .build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(hidden)
                        .nOut(actions)
                        .activation(Activation.IDENTITY)
                        .build())
                .build());
    net.init();
  }

  int actions() {
    return actions;
  }

  /** The Q value of every action in state {@code s}. */
  double[] q(double[] s) {
    return net.output(Nd4j.create(new double[][] {s}), false).toDoubleVector();
  }

  /** The action with the largest Q value (the first of ties). */
  int greedy(double[] s) {
    double[] q = q(s);
    int best = 0;
    for (int a = 1; a < q.length; a++) {
      if (q[a] > q[best]) {
        best = a;
      }
    }
    return best;
  }

  /**
   * The regression targets of a batch: this network's outputs, with the taken action's replaced by
   * {@code r + gamma * max Q_target(s')} ({@code r} when done).
   */
  INDArray targets(List<Transition> batch, Dqn target, double gamma) {
    INDArray states = stack(batch, false);
    INDArray out = net.output(states, false).dup();
    INDArray nextQ = target.net.output(stack(batch, true), false);
    for (int i = 0; i < batch.size(); i++) {
      Transition t = batch.get(i);
      double y = t.reward();
      if (!t.done()) {
        y += gamma * nextQ.getRow(i).maxNumber().doubleValue();
      }
      out.putScalar(i, t.action(), y);
    }
    return out;
  }

  /** One gradient step toward {@link #targets}; returns the loss before it. */
  double update(List<Transition> batch, Dqn target, double gamma) {
    INDArray y = targets(batch, target, gamma);
    net.fit(stack(batch, false), y);
    return net.score();
  }

  private static INDArray stack(List<Transition> batch, boolean next) {
    double[][] rows = new double[batch.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = next ? batch.get(i).next() : batch.get(i).state();
    }
    return Nd4j.create(rows);
  }

  /** Makes this network a copy of {@code other} (its parameters). */
  void copyFrom(Dqn other) {
    net.params().assign(other.net.params());
  }

  INDArray parameters() {
    return net.params();
  }

  /** Adam's state, as one vector (null before the first update). */
  INDArray updaterState() {
    return net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
  }

  void restore(INDArray parameters, INDArray updaterState) {
    net.params().assign(parameters.reshape(net.params().shape()));
    if (updaterState != null && updaterState.length() > 0) {
      INDArray view = net.getUpdater().getStateViewArray();
      view.assign(updaterState.reshape(view.shape()));
    }
  }
}
