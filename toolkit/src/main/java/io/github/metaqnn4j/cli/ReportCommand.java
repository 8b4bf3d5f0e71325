package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.analysis.ExperimentReport;
import io.github.metaqnn4j.store.ExperimentStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the report of a stored experiment. */
@Command(
    name = "report",
    description = "Writes summary.txt, top_models.csv and accuracy.png of an experiment.")
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

  @Override
  public Integer call() {
    Path dir = out != null ? out : defaultReportDir(store);
    try (var s = ExperimentStore.open(store)) {
      ExperimentReport report = ExperimentReport.of(s.models());
      report.writeTo(dir, top);
      System.out.print(report.summary(top));
      System.out.println("Report written to " + dir.toAbsolutePath());
    }
    return 0;
  }

  static Path defaultReportDir(Path store) {
    String name = store.getFileName().toString().replaceFirst("\\.db$", "");
    return store.resolveSibling(name + "-report");
  }
}
