package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.data.DatasetSpec;
import io.github.metaqnn4j.data.Datasets;
import io.github.metaqnn4j.data.Splits;

/**
 * The data a command's options name: the dataset, its validation split, subsample and seed, and for
 * recordings a test subsample. {@link #spec()} checks the name without loading anything.
 *
 * @param subsample training + validation images, or null for all
 * @param test test images, or null for all
 */
record DataChoice(String dataset, int validation, Integer subsample, long seed, Integer test) {
  /** The dataset's specification, split as the options say. */
  DatasetSpec spec() {
    DatasetSpec spec =
        switch (dataset) {
          case "mnist" -> Datasets.mnist();
          case "fashion-mnist" -> Datasets.fashionMnist();
          case "cifar10" -> Datasets.cifar10();
          case "cifar100" -> Datasets.cifar100();
          case "svhn" -> Datasets.svhn();
          default ->
              throw new IllegalArgumentException(
                  "unknown dataset '"
                      + dataset
                      + "': use mnist, fashion-mnist, cifar10, cifar100 or svhn");
        };
    spec = spec.validation(validation).seed(seed);
    if (subsample != null) {
      spec = spec.subsample(subsample);
    }
    return test != null ? spec.testSubsample(test) : spec;
  }

  /** The data, loaded and split (a line on stderr says so). */
  Splits load() {
    DatasetSpec spec = spec();
    System.err.println("Loading " + spec.name() + " ...");
    return spec.load();
  }
}
