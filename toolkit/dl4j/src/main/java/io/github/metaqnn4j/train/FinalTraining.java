package io.github.metaqnn4j.train;

import io.github.metaqnn4j.data.ImageDataset;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.FinalModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finishes the best models of a search, as the paper does (section 5): each architecture is trained
 * again from scratch with a longer schedule on the training and validation images together, then
 * tested once, after its last epoch, on the test set; the ensemble of all of them averages their
 * softmax outputs. A model whose loss diverges is restarted with the scheme's lower learning rate.
 *
 * <pre>{@code
 * var top = List.of(Architecture.parse("[C(16,5,1), SM(10)]"), Architecture.parse("[C(16,3,1), SM(10)]"));
 * var finals = FinalTraining.on(data).scheme(TrainingScheme.paper().epochs(4)).train(top);
 * finals.ensembleTestAccuracy();
 * }</pre>
 */
public final class FinalTraining {
  private final Splits data;
  private final TrainingScheme scheme;
  private final long seed;
  private final Consumer<String> progress;

  private FinalTraining(Splits data, TrainingScheme scheme, long seed, Consumer<String> progress) {
    this.data = Objects.requireNonNull(data, "data");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.seed = seed;
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Finishing on {@code data}: trains on its training and validation images, tests on its test. */
  public static FinalTraining on(Splits data) {
    return new FinalTraining(data, TrainingScheme.paper(), 0, line -> {});
  }

  /** The training scheme (default: the paper's, 20 epochs). */
  public FinalTraining scheme(TrainingScheme scheme) {
    return new FinalTraining(data, scheme, seed, progress);
  }

  /** The seed of weights and shuffling; model i uses {@code seed + i} (default 0). */
  public FinalTraining seed(long seed) {
    return new FinalTraining(data, scheme, seed, progress);
  }

  /** Receives a line after every epoch (model, epoch, loss), for progress displays. */
  public FinalTraining progress(Consumer<String> sink) {
    return new FinalTraining(data, scheme, seed, sink);
  }

  /**
   * Trains and tests every architecture, in order, and their ensemble.
   *
   * @throws IllegalArgumentException when {@code best} is empty
   * @throws IllegalStateException when a model still diverges after the scheme's restarts
   */
  public FinalModels train(List<Architecture> best) {
    if (best.isEmpty()) {
      throw new IllegalArgumentException("give at least one architecture to finish");
    }
    CpuAcceleration.ensure();
    ImageDataset joined = data.train().concat(data.validation(), "train+validation");
    Fitting.Tensors train = Fitting.Tensors.of(joined);
    Fitting.Tensors test = Fitting.Tensors.of(data.test());
    INDArray sum = null;
    List<FinalModels.Model> models = new ArrayList<>();
    for (int i = 0; i < best.size(); i++) {
      long start = System.nanoTime();
      Trained t = trainOne(best.get(i), i, best.size(), train);
      INDArray p = Fitting.probabilities(t.net, test);
      sum = sum == null ? p : sum.addi(p);
      double accuracy = Fitting.accuracy(p, test.labels());
      models.add(
          new FinalModels.Model(
              best.get(i).toString(), accuracy, (System.nanoTime() - start) / 1e9, t.losses));
      progress.accept(
          String.format(
              Locale.ROOT,
              "model %d/%d %s: test accuracy %.4f",
              i + 1,
              best.size(),
              best.get(i),
              accuracy));
    }
    double ensemble = Fitting.accuracy(sum, test.labels());
    String settings =
        String.format(
            Locale.ROOT,
            "%s; trained on %d training + validation images, tested on %d test images; seed %d",
            scheme,
            joined.size(),
            test.count(),
            seed);
    return new FinalModels(models, ensemble, settings);
  }

  private record Trained(MultiLayerNetwork net, List<Double> losses) {}

  private Trained trainOne(Architecture arch, int index, int of, Fitting.Tensors train) {
    for (int restart = 0; ; restart++) {
      long modelSeed = seed + index;
      MultiLayerNetwork net =
          Networks.build(
              arch,
              data.channels(),
              data.imageSize(),
              data.classes(),
              scheme,
              modelSeed + restart,
              scheme.learningRateAt(1, restart));
      Random shuffle = new Random(modelSeed * 31 + restart);
      List<Double> losses = new ArrayList<>();
      for (int epoch = 1; epoch <= scheme.epochs(); epoch++) {
        net.setLearningRate(scheme.learningRateAt(epoch, restart));
        double loss = Fitting.epoch(net, train, scheme.batchSize(), shuffle);
        if (!Double.isFinite(loss)) {
          break;
        }
        losses.add(loss);
        progress.accept(
            String.format(
                Locale.ROOT,
                "model %d/%d epoch %d/%d: training loss %.4f",
                index + 1,
                of,
                epoch,
                scheme.epochs(),
                loss));
      }
      if (losses.size() == scheme.epochs()) {
        return new Trained(net, losses);
      }
      if (restart >= scheme.maxRestarts()) {
        throw new IllegalStateException(
            arch
                + " diverged in final training after "
                + restart
                + " restarts with lower learning rates; leave it out or lower the learning rate");
      }
    }
  }
}
