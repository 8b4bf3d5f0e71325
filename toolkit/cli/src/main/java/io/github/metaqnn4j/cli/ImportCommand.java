package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.interop.MetaQnnCsv;
import io.github.metaqnn4j.space.StateSpace;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  @Option(names = "--max-depth", description = "Overrides the depth limit (at least 1).")
  Integer maxDepth;

  @Option(names = "--image-size", description = "Overrides the image size (at least 1).")
  Integer imageSize;

  @Option(names = "--classes", description = "Overrides the class count (at least 2).")
  Integer classes;

  @Spec CommandSpec spec;

  @Option(names = "--store", required = true, description = "The new SQLite file.")
  Path store;

  @Override
  public Integer call() {
    Checks.atLeastIfGiven(spec, "--max-depth", maxDepth, 1);
    Checks.atLeastIfGiven(spec, "--image-size", imageSize, 1);
    Checks.atLeastIfGiven(spec, "--classes", classes, 2);
    StateSpace.Builder b = SpaceSpec.resolve(space);
    if (maxDepth != null) {
      b.maxDepth(maxDepth);
    }
    if (imageSize != null) {
      b.imageSize(imageSize);
    }
    if (classes != null) {
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
