package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Continues a stored search from its last completed model, with its stored settings. */
@Command(name = "resume", description = "Continues a search from its last completed model.")
final class ResumeCommand implements Callable<Integer> {
  @Option(names = "--store", required = true, description = "The experiment's SQLite file.")
  Path store;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(store)) {
      throw new StoreException(store + " does not exist: nothing to resume.");
    }
    String args;
    try (var s = ExperimentStore.open(store)) {
      args = s.config().get("cli");
    }
    if (args == null) {
      throw new StoreException(
          store + " was not written by the command line; resume it with the API.");
    }
    List<String> argv = new ArrayList<>(Arrays.asList(args.split(" ")));
    argv.add("--store");
    argv.add(store.toString());
    SearchCommand search = new SearchCommand();
    new CommandLine(search).parseArgs(argv.toArray(new String[0]));
    return search.call();
  }
}
