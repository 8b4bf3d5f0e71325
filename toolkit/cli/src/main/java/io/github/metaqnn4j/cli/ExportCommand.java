package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.interop.MetaQnnCsv;
import io.github.metaqnn4j.store.ExperimentStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes an experiment as the original MetaQNN code's CSV logs. */
@Command(
    name = "export",
    description = "Writes q_values.csv and replay_database.csv as the original MetaQNN code does.")
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--store", required = true, description = "The experiment's SQLite file.")
  Path store;

  @Option(names = "--out", required = true, description = "Directory for the two CSV files.")
  Path out;

  @Override
  public Integer call() {
    Checks.existingStore(store);
    try (var s = ExperimentStore.open(store)) {
      var summary = MetaQnnCsv.export(s, out);
      System.out.println(
          "Exported "
              + summary.iterations()
              + " iterations and "
              + summary.qValues()
              + " Q values to "
              + out.toAbsolutePath());
      if (summary.qValuesLeftOut() > 0) {
        System.out.println(
            "Left out "
                + summary.qValuesLeftOut()
                + " state-action pairs the original code cannot create (a kernel at or above the"
                + " size bucket's value: the space used another kernel rule).");
      }
      if (summary.netsOutsideOriginal() > 0) {
        System.out.println(
            "Warning: "
                + summary.netsOutsideOriginal()
                + " nets break the original code's kernel rule; its Q update cannot replay them.");
      }
    }
    return 0;
  }
}
