package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.space.Echo;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
    scope = ScopeType.INHERIT, // every subcommand has -h/--help (and -V) too
    versionProvider = Main.Version.class,
    description = "Neural architecture search with reinforcement learning (MetaQNN).",
    subcommands = {
      SearchCommand.class,
      ResumeCommand.class,
      ReportCommand.class,
      FinishCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      RecordCommand.class,
      QanCommand.class
    })
public final class Main {
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private Main() {}

  /**
   * Keeps the libraries' INFO and WARN lines (ND4J's start-up, Deeplearning4j's notes) out of the
   * output unless {@code verbose}; a level the user set with {@code -D} wins. Must run before the
   * first logger is made.
   */
  static void quietLibraries(boolean verbose) {
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, verbose ? "info" : "error");
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Shows the INFO and WARN lines of ND4J and Deeplearning4j.")
  boolean verbose;

  /**
   * The most characters of an error the command line prints; its control characters (terminal
   * escape codes in a value the user typed) are shown escaped.
   */
  static final int MOST_ERROR_CHARS = 500;

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    quietLibraries(Arrays.asList(args).contains("--verbose"));
    return new CommandLine(new Main())
        .setParameterExceptionHandler(
            (e, argv) -> {
              CommandLine cmd = e.getCommandLine();
              cmd.getErr()
                  .println(
                      "error: "
                          + Echo.of(e.getMessage(), MOST_ERROR_CHARS)
                          + ". See: "
                          + cmd.getCommandSpec().qualifiedName()
                          + " --help");
              return 2;
            })
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              // an exception without a message (a bug, not bad input) is named with where it came
              // from, never printed as "error: null"
              String m = e.getMessage();
              if (m == null || m.isBlank()) {
                StackTraceElement[] at = e.getStackTrace();
                m = e.getClass().getName() + (at.length > 0 ? " at " + at[0] : "");
              }
              cmd.getErr().println("error: " + Echo.of(m, MOST_ERROR_CHARS));
              return 2;
            })
        .execute(args);
  }

  /** The version line: the toolkit's version and commit. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"metaqnn4j " + Provenance.version() + " (" + Provenance.commit() + ")"};
    }
  }
}
