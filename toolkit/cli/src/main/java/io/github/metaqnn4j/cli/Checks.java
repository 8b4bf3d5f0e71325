package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /**
   * The store an existing experiment is read from ({@code report}, {@code export}, {@code resume},
   * {@code finish}): refused when it is not there or empty, before it is opened (opening an empty
   * file would write a new store's schema into it). A folder is refused by {@link
   * ExperimentStore#open}.
   */
  static Path existingStore(Path store) {
    if (!Files.exists(store)) {
      throw new StoreException(store + " does not exist: no search is stored there.");
    }
    try {
      if (Files.isRegularFile(store) && Files.size(store) == 0) {
        throw new StoreException(store + " is empty (0 bytes): no search is stored there.");
      }
    } catch (IOException e) {
      throw new StoreException("cannot read " + store + ": " + e.getMessage(), e);
    }
    return store;
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
