package io.github.metaqnn4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the command line.
 *
 * <pre>{@code
 * scripts/metaqnn4j --help
 * }</pre>
 */
@Command(
    name = "metaqnn4j",
    mixinStandardHelpOptions = true,
    version = "metaqnn4j 0.1.0-SNAPSHOT",
    description = "Neural architecture search with reinforcement learning (MetaQNN).",
    subcommands = {
      SearchCommand.class,
      ResumeCommand.class,
      ReportCommand.class,
      FinishCommand.class,
      ExportCommand.class,
      ImportCommand.class
    })
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("error: " + e.getMessage());
              return 2;
            })
        .execute(args);
  }
}
