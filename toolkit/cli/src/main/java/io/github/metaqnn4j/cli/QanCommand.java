package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.analysis.EpisodeAnalysis;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.NotationException;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoredEpisode;
import io.github.metaqnn4j.train.CpuAcceleration;
import io.github.metaqnn4j.train.TrainingScheme;
import io.github.metaqnn4j.train.qan.Qan;
import io.github.metaqnn4j.train.qan.QanListener;
import io.github.metaqnn4j.train.qan.QanResult;
import io.github.metaqnn4j.train.qan.QanSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains a QAN controller of the learning rate (Fu et al. 2016) on one architecture, stored: run it
 * again with the same options (or more --episodes) to continue.
 */
@Command(
    name = "qan",
    description =
        "Learns a controller of the learning rate (QAN: a DQN acting every few mini-batches) over"
            + " training runs of one network; stored, resumable, with a report.")
final class QanCommand implements Callable<Integer> {
  @Option(
      names = "--dataset",
      defaultValue = "fashion-mnist",
      description = "mnist, fashion-mnist, cifar10, cifar100 or svhn (default ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--architecture",
      defaultValue = "[C(32,3,1), P(2,2), C(64,3,1), P(2,2), FC(128), SM(10)]",
      description = "The network every episode trains (default ${DEFAULT-VALUE}).")
  String architecture;

  @Option(
      names = "--episodes",
      defaultValue = "20",
      description = "Episodes in all (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(
      names = "--epochs",
      defaultValue = "3",
      description = "Epochs per episode (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--step-batches",
      defaultValue = "5",
      description = "Mini-batches between two decisions (default ${DEFAULT-VALUE}).")
  int stepBatches;

  @Option(
      names = "--meta-momentum",
      defaultValue = "0",
      description =
          "Pull toward the previous episode's weights at the same step, in [0, 1)"
              + " (default ${DEFAULT-VALUE}: off).")
  double metaMomentum;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--subsample",
      defaultValue = "6000",
      description = "Training and validation images used (default ${DEFAULT-VALUE}).")
  int subsample;

  @Option(
      names = "--validation",
      defaultValue = "1000",
      description = "Validation images (default ${DEFAULT-VALUE}).")
  int validation;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the run (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--store",
      defaultValue = "runs/qan.db",
      description = "SQLite file (default ${DEFAULT-VALUE}).")
  Path store;

  @Option(names = "--report", description = "Report directory (default: <store>-report).")
  Path report;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Checks.atLeast(spec, "--episodes", episodes, 1);
    Checks.atLeast(spec, "--epochs", epochs, 1);
    Checks.atLeast(spec, "--step-batches", stepBatches, 1);
    Checks.atLeast(spec, "--batch", batch, 1);
    Checks.atLeast(spec, "--validation", validation, 1);
    Checks.atLeast(spec, "--subsample", subsample, 2);
    if (!(metaMomentum >= 0 && metaMomentum < 1)) {
      throw new ParameterException(
          spec.commandLine(), "--meta-momentum must be in [0, 1), got " + metaMomentum);
    }
    if (validation >= subsample) {
      throw new ParameterException(
          spec.commandLine(),
          "--validation " + validation + " must be smaller than --subsample " + subsample);
    }
    Architecture arch;
    try {
      arch = Architecture.parse(architecture);
    } catch (NotationException e) {
      throw new ParameterException(
          spec.commandLine(), "--architecture: " + e.getMessage().lines().findFirst().orElse(""));
    }
    DataChoice data = new DataChoice(dataset, validation, subsample, seed, null);
    data.spec();
    System.err.println("Backend: " + CpuAcceleration.ensure().summary());
    QanResult result =
        Qan.on(data.load())
            .architecture(arch)
            .scheme(TrainingScheme.paper().dropout(false).batchSize(batch))
            .settings(
                QanSettings.defaults()
                    .epochs(epochs)
                    .stepBatches(stepBatches)
                    .metaMomentum(metaMomentum))
            .episodes(episodes)
            .seed(seed)
            .store(store)
            .listener(progress())
            .run();
    System.err.println("QAN " + result.status() + ": " + result.episodes().size() + " episodes");
    try (var s = ExperimentStore.open(store)) {
      writeReport(
          EpisodeAnalysis.of(s), report != null ? report : ReportCommand.defaultReportDir(store));
    }
    return result.status().equals("interrupted") ? 130 : 0;
  }

  private static QanListener progress() {
    return new QanListener() {
      @Override
      public void episodeFinished(StoredEpisode e) {
        System.err.printf(
            Locale.ROOT,
            "episode %d: epsilon %.2f, return %.3f, final validation accuracy %.4f, %.0f s%n",
            e.episode() + 1,
            e.epsilon(),
            e.episodeReturn(),
            e.finalAccuracy(),
            e.seconds());
      }
    };
  }

  /** Writes the episodes' tables and figures into {@code dir} and prints the table. */
  static void writeReport(EpisodeAnalysis a, Path dir) {
    try {
      var files = a.writeTo(dir);
      System.out.println(a.table().printAll());
      System.out.println(files.size() + " files in " + dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
  }
}
