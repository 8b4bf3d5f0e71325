package io.github.metaqnn4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of numeric options, made before anything is loaded: a wrong value is a usage error that
 * names the option, never a silent default.
 */
final class Checks {
  private Checks() {}

  /** {@code value} of {@code option}, which must be at least {@code min}. */
  static int atLeast(CommandSpec spec, String option, int value, int min) {
    if (value < min) {
      throw new ParameterException(
          spec.commandLine(), option + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** As {@link #atLeast}, for an option that may be left out ({@code null}). */
  static Integer atLeastIfGiven(CommandSpec spec, String option, Integer value, int min) {
    return value == null ? null : atLeast(spec, option, value, min);
  }
}
