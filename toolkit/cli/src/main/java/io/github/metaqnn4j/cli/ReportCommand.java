package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.analysis.EpisodeAnalysis;
import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the report of a stored experiment. */
@Command(
    name = "report",
    description =
        "Writes every table (CSV, HTML) and figure (PNG, SVG) of an experiment, searched or"
            + " imported: the models, accuracy by epsilon, the paper's Figures 3, A3 and A4,"
            + " learning curves, the Q table, and the finished models after finish.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--store", required = true, description = "The experiment's SQLite file.")
  Path store;

  @Option(names = "--out", description = "Directory for the report (default: <store>-report).")
  Path out;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "How many top models (default ${DEFAULT-VALUE}).")
  int top;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Checks.atLeast(spec, "--top", top, 1);
    Checks.existingStore(store);
    write(store, out, top);
    return 0;
  }

  /** Writes the report of {@code store} into {@code dir} (null: beside the store) and prints it. */
  static void write(Path store, Path dir, int top) {
    Path target = dir != null ? dir : defaultReportDir(store);
    try (var s = ExperimentStore.open(store)) {
      var episodes = s.episodes();
      if (!episodes.isEmpty()) {
        QanCommand.writeReport(EpisodeAnalysis.of(episodes), target);
        return;
      }
      if (s.models().isEmpty()) {
        throw new StoreException(
            store + " holds no models yet: nothing to report. Run or resume its search first.");
      }
      ExperimentReport report = ExperimentReport.of(s);
      var files = report.writeTo(target, top);
      System.out.print(report.summary(top));
      System.out.println(
          files.size()
              + " files: "
              + files.stream()
                  .map(f -> f.getFileName().toString())
                  .filter(n -> n.endsWith(".png"))
                  .sorted()
                  .toList()
              + " and their SVG; tables as CSV and HTML.");
    }
    System.out.println("Store: " + store.toAbsolutePath() + "\nReport: " + target.toAbsolutePath());
  }

  static Path defaultReportDir(Path store) {
    String name = store.getFileName().toString().replaceFirst("\\.db$", "");
    return store.resolveSibling(name + "-report");
  }
}
