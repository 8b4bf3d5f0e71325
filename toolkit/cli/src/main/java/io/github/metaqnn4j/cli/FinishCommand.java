package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.FinalModels;
import io.github.metaqnn4j.store.StoredModel;
import io.github.metaqnn4j.train.FinalTraining;
import io.github.metaqnn4j.train.TrainingScheme;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Finishes the best models of a stored search: re-trains the top k on training + validation images
 * with a longer schedule, tests them and their ensemble, and stores the result.
 */
@Command(
    name = "finish",
    description =
        "Re-trains the top models of a search on training + validation images, tests them and"
            + " their ensemble on the test set.")
final class FinishCommand implements Callable<Integer> {
  @Option(names = "--store", required = true, description = "The experiment's SQLite file.")
  Path store;

  @Option(
      names = "--top",
      defaultValue = "5",
      description = "How many of the best models (default ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--epochs",
      defaultValue = "20",
      description = "Epochs of the final training (default ${DEFAULT-VALUE}).")
  int epochs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Checks.atLeast(spec, "--top", top, 1);
    Checks.atLeast(spec, "--epochs", epochs, 1);
    SearchCommand search = SearchCommand.stored(store);
    List<Architecture> best;
    try (var s = ExperimentStore.open(store)) {
      best =
          ExperimentReport.of(s.models()).best(top).stream()
              .filter(m -> !m.status().equals("FAILED"))
              .map(StoredModel::architecture)
              .map(Architecture::parse)
              .toList();
    }
    if (best.isEmpty()) {
      throw new IllegalArgumentException(store + " has no trained model to finish yet.");
    }
    Splits data = search.loadData();
    System.err.printf(
        "Finishing the top %d models: %d epochs on %d training + validation images, testing on"
            + " %d%n",
        best.size(), epochs, data.train().size() + data.validation().size(), data.test().size());
    FinalModels finals =
        FinalTraining.on(data)
            .scheme(TrainingScheme.paper().epochs(epochs).batchSize(search.batch))
            .seed(search.seed)
            .progress(System.err::println)
            .train(best);
    try (var s = ExperimentStore.open(store)) {
      s.saveFinals(finals);
    }
    ReportCommand.write(store, null, 10);
    return 0;
  }
}
