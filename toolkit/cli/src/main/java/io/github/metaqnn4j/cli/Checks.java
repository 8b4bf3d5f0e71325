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

  /**
   * The store an existing experiment is read from ({@code report}, {@code export}, {@code resume},
   * {@code finish}): refused when it is a folder, not there, or empty, before it is opened (opening
   * an empty file would write a new store's schema into it).
   */
  static java.nio.file.Path existingStore(java.nio.file.Path store) {
    if (java.nio.file.Files.isDirectory(store)) {
      throw new io.github.metaqnn4j.store.StoreException(
          store + " is a folder: give a store's file, e.g. " + store.resolve("search.db"));
    }
    if (!java.nio.file.Files.isRegularFile(store)) {
      throw new io.github.metaqnn4j.store.StoreException(
          store + " does not exist: no search is stored there.");
    }
    try {
      if (java.nio.file.Files.size(store) == 0) {
        throw new io.github.metaqnn4j.store.StoreException(
            store + " is empty (0 bytes): no search is stored there.");
      }
    } catch (java.io.IOException e) {
      throw new io.github.metaqnn4j.store.StoreException(
          "cannot read " + store + ": " + e.getMessage(), e);
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
