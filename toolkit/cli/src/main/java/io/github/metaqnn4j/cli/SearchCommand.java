package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.data.DatasetSpec;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import io.github.metaqnn4j.train.Devices;
import io.github.metaqnn4j.train.Dl4jEvaluator;
import io.github.metaqnn4j.train.TrainingScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs (or continues) a search that trains real networks. Its options are stored with the
 * experiment (config keys {@code cli.<option>}) so that {@code resume} and {@code finish} can
 * rebuild the same search and data.
 */
@Command(name = "search", description = "Runs a MetaQNN search on a dataset, stored in SQLite.")
final class SearchCommand implements Callable<Integer> {
  static final String CLI_PREFIX = "cli.";

  @Option(
      names = "--dataset",
      defaultValue = "fashion-mnist",
      description = "mnist, fashion-mnist, cifar10, cifar100 or svhn (default ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--space",
      defaultValue = "small",
      description =
          "State space: a preset ("
              + SpaceSpec.PRESETS
              + ") or a .properties file of settings (default ${DEFAULT-VALUE}).")
  String space;

  @Option(
      names = "--max-depth",
      defaultValue = "0",
      description = "Overrides the space's depth limit.")
  int maxDepth;

  @Option(
      names = "--schedule",
      defaultValue = "paper",
      description =
          "Epsilon schedule: 'paper' (Table 2) or stages such as 1.0x30,0.5x10,0.1x10"
              + " (default ${DEFAULT-VALUE}).")
  String schedule;

  @Option(
      names = "--models",
      defaultValue = "0",
      description = "Scales the schedule to this many unique models (0: as written).")
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
      names = {"--devices", "--workers"},
      defaultValue = "0",
      description = "Models trained at once, one per device (0: one per GPU, 1 on a CPU).")
  int workers;

  @Option(
      names = "--store",
      defaultValue = "runs/search.db",
      description = "SQLite file (default ${DEFAULT-VALUE}).")
  Path store;

  @Option(names = "--report", description = "Report directory (default: <store>-report).")
  Path report;

  /** The options that define the search, by name without dashes, as stored with it. */
  Map<String, String> options() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("dataset", dataset);
    o.put("space", space);
    o.put("max-depth", Integer.toString(maxDepth));
    o.put("schedule", schedule);
    o.put("models", Integer.toString(models));
    o.put("epochs", Integer.toString(epochs));
    o.put("batch", Integer.toString(batch));
    o.put("subsample", Integer.toString(subsample));
    o.put("validation", Integer.toString(validation));
    o.put("seed", Long.toString(seed));
    o.put("devices", Integer.toString(workers));
    return o;
  }

  /**
   * The search command an experiment was started with, writing to that experiment.
   *
   * @throws StoreException when the file is missing or was not written by this command
   */
  static SearchCommand stored(Path store) {
    if (!Files.isRegularFile(store)) {
      throw new StoreException(store + " does not exist: no search is stored there.");
    }
    List<String> argv = new ArrayList<>();
    try (var s = ExperimentStore.open(store)) {
      s.config()
          .forEach(
              (k, v) -> {
                if (k.startsWith(CLI_PREFIX)) {
                  argv.add("--" + k.substring(CLI_PREFIX.length()));
                  argv.add(v);
                }
              });
    }
    if (argv.isEmpty()) {
      throw new StoreException(
          store + " was not written by the command line's search; use the API for it.");
    }
    SearchCommand search = new SearchCommand();
    new CommandLine(search).parseArgs(argv.toArray(new String[0]));
    search.store = store;
    return search;
  }

  /** The dataset the options describe, loaded and split. */
  Splits loadData() {
    DatasetSpec spec = datasetSpec().validation(validation).seed(seed);
    if (subsample > 0) {
      spec = spec.subsample(subsample);
    }
    System.err.println("Loading " + spec.name() + " ...");
    return spec.load();
  }

  @Override
  public Integer call() {
    if (workers == 0) {
      workers = Devices.workers();
    }
    StateSpace.Builder preset = SpaceSpec.resolve(space); // bad names fail before data loads
    EpsilonSchedule plan = EpsilonSchedule.parse(schedule);
    if (models > 0) {
      plan = plan.scaledTo(models);
    }
    Splits data = loadData();
    preset = preset.imageSize(data.imageSize()).classes(data.classes());
    if (maxDepth > 0) {
      preset = preset.maxDepth(maxDepth);
    }
    StateSpace stateSpace = preset.build();
    TrainingScheme scheme = TrainingScheme.paper().epochs(epochs).batchSize(batch);
    Search.Builder builder =
        Search.qLearning(stateSpace)
            .evaluator(Dl4jEvaluator.on(data).scheme(scheme))
            .schedule(plan)
            .seed(seed)
            .workers(workers)
            .setting("data", data.toString())
            .setting("training", scheme.toString())
            .store(store)
            .listener(new ProgressDisplay(plan.total()));
    options().forEach((k, v) -> builder.setting(CLI_PREFIX + k, v));
    Search search = builder.build();
    System.err.println(stateSpace.describe());
    SearchResult result = search.run();
    System.err.println("Search " + result.status() + " " + result.message());
    ReportCommand.write(store, report, 10);
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
}
