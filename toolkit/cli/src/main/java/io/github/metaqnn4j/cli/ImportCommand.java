package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.interop.MetaQnnCsv;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reads the original MetaQNN code's CSV logs into a new experiment store, and reports it. */
@Command(
    name = "import",
    description =
        "Reads q_values.csv and replay_database.csv of the original MetaQNN code into a new store.")
final class ImportCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, description = "Directory of the two CSV files.")
  Path from;

  @Option(
      names = "--space",
      defaultValue = "cifar10",
      description =
          "The state space the logs were written in: a preset ("
              + SpaceSpec.PRESETS
              + ") or a .properties file (default ${DEFAULT-VALUE}).")
  String space;

  @Option(names = "--max-depth", defaultValue = "0", description = "Overrides the depth limit.")
  int maxDepth;

  @Option(names = "--image-size", defaultValue = "0", description = "Overrides the image size.")
  int imageSize;

  @Option(names = "--classes", defaultValue = "0", description = "Overrides the class count.")
  int classes;

  @Option(names = "--store", required = true, description = "The new SQLite file.")
  Path store;

  @Override
  public Integer call() {
    StateSpace.Builder b = SpaceSpec.resolve(space);
    if (maxDepth > 0) {
      b.maxDepth(maxDepth);
    }
    if (imageSize > 0) {
      b.imageSize(imageSize);
    }
    if (classes > 0) {
      b.classes(classes);
    }
    var summary = MetaQnnCsv.importInto(from, b.build(), store);
    System.out.printf(
        "Imported %d iterations (%d models) and %d Q values (%d outside the space, skipped)%n",
        summary.iterations(), summary.models(), summary.qValues(), summary.qValuesOutsideSpace());
    ReportCommand.write(store, null, 10);
    return 0;
  }
}
