package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.interop.MetaQnnCsv;
import io.github.metaqnn4j.store.ExperimentStore;
import java.nio.file.Files;
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
    if (!Files.isRegularFile(store)) {
      throw new IllegalArgumentException(store + " does not exist.");
    }
    try (var s = ExperimentStore.open(store)) {
      MetaQnnCsv.export(s, out);
      System.out.println(
          "Exported "
              + s.models().size()
              + " iterations and "
              + s.qValues().size()
              + " Q values to "
              + out.toAbsolutePath());
    }
    return 0;
  }
}
