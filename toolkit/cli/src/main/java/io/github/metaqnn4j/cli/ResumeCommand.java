package io.github.metaqnn4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Continues a stored search from its last completed model, with its stored settings. */
@Command(name = "resume", description = "Continues a search from its last completed model.")
final class ResumeCommand implements Callable<Integer> {
  @Option(names = "--store", required = true, description = "The experiment's SQLite file.")
  Path store;

  @Option(
      names = "--durability",
      defaultValue = "normal",
      description = "'normal' (the default) or 'full': as for search; not a setting of the search.")
  String durability;

  @Override
  public Integer call() {
    SearchCommand search = SearchCommand.stored(store);
    search.durability = durability;
    return search.call();
  }
}
