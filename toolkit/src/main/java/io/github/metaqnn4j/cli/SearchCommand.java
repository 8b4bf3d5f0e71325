package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.data.DatasetSpec;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.train.Devices;
import io.github.metaqnn4j.train.Dl4jEvaluator;
import io.github.metaqnn4j.train.TrainingScheme;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs (or continues) a search that trains real networks. */
@Command(name = "search", description = "Runs a MetaQNN search on a dataset, stored in SQLite.")
final class SearchCommand implements Callable<Integer> {
  @Option(
      names = "--dataset",
      defaultValue = "fashion-mnist",
      description = "mnist, fashion-mnist, cifar10, cifar100 or svhn (default ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--space",
      defaultValue = "small",
      description =
          "State space preset: small, paper, cifar10, svhn or mnist (default ${DEFAULT-VALUE}).")
  String space;

  @Option(
      names = "--max-depth",
      defaultValue = "0",
      description = "Overrides the preset's depth limit.")
  int maxDepth;

  @Option(
      names = "--models",
      defaultValue = "2700",
      description =
          "Unique models: the paper's epsilon schedule scaled to this many (default ${DEFAULT-VALUE}).")
  int models;

  @Option(
      names = "--epochs",
      defaultValue = "20",
      description = "Epochs per model (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--subsample",
      defaultValue = "0",
      description = "Use this many training images (0: all).")
  int subsample;

  @Option(
      names = "--validation",
      defaultValue = "5000",
      description = "Validation images (default ${DEFAULT-VALUE}).")
  int validation;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the whole search (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--workers",
      defaultValue = "0",
      description = "Models trained at once (0: one per GPU, 1 on a CPU).")
  int workers;

  @Option(
      names = "--store",
      defaultValue = "runs/search.db",
      description = "SQLite file (default ${DEFAULT-VALUE}).")
  Path store;

  @Option(names = "--report", description = "Report directory (default: <store>-report).")
  Path report;

  @Override
  public Integer call() {
    int w = workers > 0 ? workers : Devices.workers();
    String cli =
        String.format(
            Locale.ROOT,
            "--dataset %s --space %s --max-depth %d --models %d --epochs %d --batch %d --subsample %d"
                + " --validation %d --seed %d --workers %d",
            dataset,
            space,
            maxDepth,
            models,
            epochs,
            batch,
            subsample,
            validation,
            seed,
            w);
    DatasetSpec spec = datasetSpec().validation(validation).seed(seed);
    if (subsample > 0) {
      spec = spec.subsample(subsample);
    }
    System.err.println("Loading " + spec.name() + " ...");
    Splits data = spec.load();
    StateSpace.Builder preset = preset().imageSize(data.imageSize()).classes(data.classes());
    if (maxDepth > 0) {
      preset = preset.maxDepth(maxDepth);
    }
    StateSpace stateSpace = preset.build();
    TrainingScheme scheme = TrainingScheme.paper().epochs(epochs).batchSize(batch);
    EpsilonSchedule schedule = EpsilonSchedule.paper().scaledTo(models);
    Search search =
        Search.qLearning(stateSpace)
            .evaluator(Dl4jEvaluator.on(data).scheme(scheme))
            .schedule(schedule)
            .seed(seed)
            .workers(w)
            .setting("cli", cli)
            .setting("data", data.toString())
            .setting("training", scheme.toString())
            .store(store)
            .listener(new ProgressDisplay(schedule.total()))
            .build();
    System.err.println(stateSpace.describe());
    SearchResult result = search.run();
    System.err.println("Search " + result.status() + " " + result.message());
    Path dir = report != null ? report : ReportCommand.defaultReportDir(store);
    try (var s = ExperimentStore.open(store)) {
      ExperimentReport r = ExperimentReport.of(s.models());
      r.writeTo(dir, 10);
      System.out.print(r.summary(10));
    }
    System.out.println("Store: " + store.toAbsolutePath() + "\nReport: " + dir.toAbsolutePath());
    return result.status() == SearchResult.Status.INTERRUPTED ? 130 : 0;
  }

  private DatasetSpec datasetSpec() {
    return switch (dataset) {
      case "mnist" -> Datasets.mnist();
      case "fashion-mnist" -> Datasets.fashionMnist();
      case "cifar10" -> Datasets.cifar10();
      case "cifar100" -> Datasets.cifar100();
      case "svhn" -> Datasets.svhn();
      default ->
          throw new IllegalArgumentException(
              "unknown dataset '"
                  + dataset
                  + "': use mnist, fashion-mnist, cifar10, cifar100 or svhn");
    };
  }

  private StateSpace.Builder preset() {
    return switch (space) {
      case "small" -> StateSpace.small();
      case "paper" -> StateSpace.paper();
      case "cifar10" -> StateSpace.cifar10();
      case "svhn" -> StateSpace.svhn();
      case "mnist" -> StateSpace.mnist();
      default ->
          throw new IllegalArgumentException(
              "unknown space '" + space + "': use small, paper, cifar10, svhn or mnist");
    };
  }
}
