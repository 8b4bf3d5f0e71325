package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.controller.ChoiceSpace;
import io.github.metaqnn4j.controller.ControllerSettings;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.predict.CurvePredictor;
import io.github.metaqnn4j.predict.EarlyStopping;
import io.github.metaqnn4j.search.EarlyStoppingPolicy;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchBuilder;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.Durability;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.Lease;
import io.github.metaqnn4j.store.StoreException;
import io.github.metaqnn4j.train.TrainingEngine;
import io.github.metaqnn4j.train.TrainingScheme;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs (or continues) a search that trains real networks. Its options are stored with the
 * experiment (the settings' {@code cli} object) so that {@code resume} and {@code finish} can
 * rebuild the same search and data.
 */
@Command(name = "search", description = "Runs a MetaQNN search on a dataset, stored in SQLite.")
final class SearchCommand implements Callable<Integer> {
  static final String CLI_KEY = "cli";

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

  @Option(names = "--max-depth", description = "Overrides the space's depth limit (at least 1).")
  Integer maxDepth;

  @Option(
      names = "--agent",
      defaultValue = "q-learning",
      description =
          "What designs the networks: 'q-learning' (MetaQNN) or 'controller' (an LSTM trained"
              + " with REINFORCE, Zoph & Le) (default ${DEFAULT-VALUE}).")
  String agent;

  @Option(
      names = "--choices",
      description =
          "controller: a choice space instead of --space, as layers:choice=options:..., e.g."
              + " 4:kernel=1,3:filters=16,32,64 (choices: kernel, filters, stride).")
  String choices;

  @Option(
      names = "--controllers",
      defaultValue = "1",
      description =
          "controller: independent controllers whose samples are pooled"
              + " (default ${DEFAULT-VALUE}).")
  int controllers;

  @Option(
      names = "--entropy",
      defaultValue = "0.01",
      description = "controller: weight of the entropy bonus (default ${DEFAULT-VALUE}).")
  double entropy;

  @Option(
      names = "--controller-batch",
      defaultValue = "4",
      description = "controller: networks per REINFORCE update (default ${DEFAULT-VALUE}).")
  int controllerBatch;

  @Option(
      names = "--schedule",
      defaultValue = "paper",
      description =
          "Epsilon schedule: 'paper' (Table 2) or stages such as 1.0x30,0.5x10,0.1x10"
              + " (default ${DEFAULT-VALUE}).")
  String schedule;

  @Option(
      names = "--models",
      description = "Scales the schedule to this many unique models (default: as written).")
  Integer models;

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
      names = "--restart-check",
      paramLabel = "UPDATES",
      description =
          "Restart a model at chance with a lower rate after the epoch that reaches this many"
              + " updates (default: the paper's 352, its first epoch on CIFAR-10).")
  Integer restartCheck;

  @Option(
      names = "--subsample",
      description = "Use this many training images (at least 2; default: all).")
  Integer subsample;

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
      names = "--engine",
      defaultValue = "dl4j",
      description =
          "Trains the models with 'dl4j' (Deeplearning4j, the default) or 'pytorch' (PyTorch 2.7.1"
              + " through DJL: the same networks and scheme; 1.5x the models per hour of the quick"
              + " start's search on a 2-core CPU).")
  String engine;

  @Option(
      names = {"--devices", "--workers"},
      description = "Models trained at once, one per device (default: one per GPU, 1 on a CPU).")
  Integer workers;

  @Option(
      names = "--max-failures",
      defaultValue = "10",
      description =
          "Ends the search when this many models in a row failed to train: a broken setup"
              + " (default ${DEFAULT-VALUE}).")
  int maxFailures;

  @Option(
      names = "--early-stopping",
      arity = "0..1",
      fallbackValue = "predicted",
      description =
          "Stops models early: 'predicted' (the final accuracy predicted from the curve so far,"
              + " Baker et al.; the default when the option has no value), 'median' or 'halving'.")
  String earlyStopping;

  @Option(
      names = "--delta",
      defaultValue = "0.99",
      description = "predicted: stop when P(final < best) exceeds this (default ${DEFAULT-VALUE}).")
  double delta;

  @Option(
      names = "--burn-in",
      defaultValue = "20",
      description =
          "predicted: fully trained models before any stop (default ${DEFAULT-VALUE}; the paper"
              + " used 100 of its 2,700).")
  int burnIn;

  @Option(
      names = "--store",
      defaultValue = "runs/search.db",
      description = "SQLite file (default ${DEFAULT-VALUE}).")
  Path store;

  @Option(
      names = "--durability",
      defaultValue = "normal",
      description =
          "What a stored model survives: 'normal' (a killed process; the default) or 'full' (also"
              + " a power loss, at a sync of the file per model).")
  String durability;

  @Option(names = "--report", description = "Report directory (default: <store>-report).")
  Path report;

  @Spec CommandSpec spec;

  /** The options that define the search, by name without dashes, as stored with it. */
  Map<String, String> options() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("dataset", dataset);
    o.put("space", space);
    o.put("schedule", schedule);
    o.put("epochs", Integer.toString(epochs));
    o.put("batch", Integer.toString(batch));
    o.put("validation", Integer.toString(validation));
    o.put("seed", Long.toString(seed));
    o.put("max-failures", Integer.toString(maxFailures));
    optional(o, "max-depth", maxDepth);
    if (isController()) {
      o.put("agent", agent);
      o.put("controllers", Integer.toString(controllers));
      o.put("entropy", Double.toString(entropy));
      o.put("controller-batch", Integer.toString(controllerBatch));
      if (choices != null) {
        o.put("choices", choices);
      }
    }
    optional(o, "models", models);
    optional(o, "subsample", subsample);
    optional(o, "restart-check", restartCheck);
    optional(o, "devices", workers);
    if (!engine.equals("dl4j")) {
      o.put("engine", engine); // stores of the default engine keep the options they always had
    }
    if (earlyStopping != null) {
      o.put("early-stopping", earlyStopping);
      o.put("delta", Double.toString(delta));
      o.put("burn-in", Integer.toString(burnIn));
    }
    return o;
  }

  private static void optional(Map<String, String> o, String key, Integer value) {
    if (value != null) {
      o.put(key, value.toString());
    }
  }

  /**
   * The search command an experiment was started with, writing to that experiment.
   *
   * @throws StoreException when the file is missing or was not written by this command
   */
  static SearchCommand stored(Path store) {
    Checks.existingStore(store);
    List<String> argv = new ArrayList<>();
    try (var s = ExperimentStore.open(store)) {
      if (s.settings().get(CLI_KEY) instanceof Map<?, ?> cli) {
        cli.forEach(
            (k, v) -> {
              argv.add("--" + k);
              argv.add(String.valueOf(v));
            });
      }
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

  /** The {@code --durability} given. */
  Durability durabilityOption() {
    return switch (durability.toLowerCase(java.util.Locale.ROOT)) {
      case "normal" -> Durability.NORMAL;
      case "full" -> Durability.FULL;
      default ->
          throw new ParameterException(
              spec.commandLine(), "unknown --durability '" + durability + "': use normal or full");
    };
  }

  /** The dataset the options describe, loaded and split. */
  Splits loadData() {
    return data().load();
  }

  private DataChoice data() {
    return new DataChoice(dataset, validation, subsample, seed, null);
  }

  /**
   * Checks every option without loading anything (no ND4J, no data), so that a wrong value is the
   * only thing printed.
   */
  private void check() {
    Checks.atLeast(spec, "--validation", validation, 1);
    Checks.atLeastIfGiven(spec, "--subsample", subsample, 2);
    data().spec();
    SpaceSpec.check(spec, space, maxDepth);
    EpsilonSchedule.parse(schedule);
    durabilityOption();
    Checks.atLeastIfGiven(spec, "--models", models, 1);
    Checks.atLeastIfGiven(spec, "--max-depth", maxDepth, 1);
    Checks.atMostIfGiven(spec, "--max-depth", maxDepth, Checks.MOST_DEPTH, Checks.DEPTH_REASON);
    if (!agent.equals("q-learning") && !isController()) {
      throw new ParameterException(
          spec.commandLine(), "unknown --agent '" + agent + "': use q-learning or controller");
    }
    if (choices != null && !isController()) {
      throw new ParameterException(spec.commandLine(), "--choices needs --agent controller");
    }
    if (choices != null) {
      try {
        ChoiceSpace.parse(choices).build();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--choices: " + e.getMessage());
      }
    }
    Checks.atLeast(spec, "--controllers", controllers, 1);
    Checks.atLeast(spec, "--controller-batch", controllerBatch, 1);
    if (!(entropy >= 0)) {
      throw new ParameterException(
          spec.commandLine(), "--entropy must not be negative, got " + entropy);
    }
    Checks.atLeastIfGiven(spec, "--devices", workers, 1);
    try {
      TrainingEngine.named(engine);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--engine: " + e.getMessage());
    }
    Checks.atLeast(spec, "--epochs", epochs, 1);
    Checks.atLeast(spec, "--batch", batch, 1);
    Checks.atLeastIfGiven(spec, "--restart-check", restartCheck, 1);
    Checks.atLeast(spec, "--max-failures", maxFailures, 1);
    Checks.atLeast(spec, "--burn-in", burnIn, CurvePredictor.MIN_CURVES);
    if (!(delta > 0 && delta < 1)) {
      throw new ParameterException(spec.commandLine(), "--delta must be in (0, 1), got " + delta);
    }
    if (earlyStopping != null) {
      policy(); // a wrong rule name fails here
    }
    if (subsample != null && validation >= subsample) {
      throw new ParameterException(
          spec.commandLine(),
          "--validation "
              + validation
              + " must be smaller than --subsample "
              + subsample
              + ": no training images would be left");
    }
  }

  @Override
  public Integer call() {
    check(); // before ND4J or the data load
    if (store != null) {
      // another process's search on this store: refused now, before any data loads or trains
      Lease.holder(store, Lease.SEARCH, Lease.DEFAULT_EXPIRY)
          .ifPresent(
              h -> {
                throw new StoreException(
                    store + " is in use by another search: " + h.describe(Instant.now()) + ".");
              });
      // a place it cannot write, a damaged file or another program's: refused before data loads
      ExperimentStore.open(store).close();
    }
    StateSpace.Builder preset = SpaceSpec.resolve(space);
    EpsilonSchedule plan = EpsilonSchedule.parse(schedule);
    if (models != null) {
      plan = plan.scaledTo(models);
    }
    TrainingEngine trainer = TrainingEngine.named(engine);
    System.err.println("Backend: " + trainer.description());
    int devices = workers != null ? workers : trainer.workers();
    int threads = trainer.shareCpu(devices); // several CPU workers: cores / workers threads each
    if (devices > 1 && threads > 0) {
      System.err.println(devices + " workers, " + threads + " native thread(s) each");
    }
    Splits data = loadData();
    preset = preset.imageSize(data.imageSize()).classes(data.classes());
    if (maxDepth != null) {
      preset = preset.maxDepth(maxDepth);
    }
    StateSpace stateSpace = preset.build();
    TrainingScheme scheme = TrainingScheme.paper().epochs(epochs).batchSize(batch);
    if (restartCheck != null) {
      scheme = scheme.restartCheckUpdates(restartCheck);
    }
    SearchBuilder builder;
    String described = stateSpace.describe().toString();
    if (choices != null) {
      ChoiceSpace choiceSpace =
          ChoiceSpace.parse(choices).imageSize(data.imageSize()).classes(data.classes()).build();
      builder = Search.controller(choiceSpace);
      described = choiceSpace.toString();
    } else {
      builder = isController() ? Search.controller(stateSpace) : Search.qLearning(stateSpace);
    }
    if (isController()) {
      builder.controller(
          ControllerSettings.defaults()
              .controllers(controllers)
              .entropyWeight(entropy)
              .batch(controllerBatch));
    }
    builder
        .evaluator(trainer.evaluator(data, scheme))
        .schedule(plan)
        .seed(seed)
        .workers(devices)
        .maxFailuresInARow(maxFailures)
        .setting(CLI_KEY, options())
        .store(store)
        .durability(durabilityOption())
        .listener(new ProgressDisplay(plan.total()));
    if (earlyStopping != null) {
      builder.earlyStopping(policy());
    }
    Search search = builder.build();
    System.err.println(described);
    if (isController()) {
      System.err.println(
          "Designed by "
              + controllers
              + " controller(s): REINFORCE, entropy "
              + entropy
              + ", "
              + controllerBatch
              + " networks per update");
    }
    SearchResult result;
    try {
      result = search.run();
    } finally {
      System.err.flush();
    }
    System.err.println("Search " + result.status() + " " + result.message());
    ReportCommand.write(store, report, 10);
    return result.status() == SearchResult.Status.INTERRUPTED ? 130 : 0;
  }

  private boolean isController() {
    return agent.equals("controller");
  }

  /** The early-stopping policy {@code --early-stopping} names: predicted, median or halving. */
  EarlyStoppingPolicy policy() {
    return switch (earlyStopping) {
      case "predicted" -> EarlyStopping.predicted().delta(delta).burnIn(burnIn);
      case "median" -> EarlyStopping.median();
      case "halving" -> EarlyStopping.successiveHalving();
      default ->
          throw new ParameterException(
              spec.commandLine(),
              "unknown --early-stopping '" + earlyStopping + "': use predicted, median or halving");
    };
  }
}
