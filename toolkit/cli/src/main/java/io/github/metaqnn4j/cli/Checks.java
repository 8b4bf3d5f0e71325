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

  /** {@code value} of {@code option}, which must be at most {@code max}, for {@code reason}. */
  static Integer atMostIfGiven(
      CommandSpec spec, String option, Integer value, int max, String reason) {
    if (value != null && value > max) {
      throw new ParameterException(
          spec.commandLine(),
          option + " must be at most " + max + " (" + reason + "), got " + value);
    }
    return value;
  }

  /** The most layers before the softmax a space may have. */
  static final int MOST_DEPTH = 64;

  /** The reason for {@link #MOST_DEPTH}. */
  static final String DEPTH_REASON =
      "the paper searches up to 12 layers; deeper spaces grow past memory";

  /** As {@link #atLeast}, for an option that may be left out ({@code null}). */
  static Integer atLeastIfGiven(CommandSpec spec, String option, Integer value, int min) {
    return value == null ? null : atLeast(spec, option, value, min);
  }
}
