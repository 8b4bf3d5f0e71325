package io.github.metaqnn4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which images a search uses: a dataset, its validation split, subsampling and preprocessing.
 * Immutable; every setting returns a new spec, and {@link #load()} reads the files.
 *
 * <pre>{@code
 * Splits s = Datasets.fashionMnist()
 *     .validation(5_000)      // stratified, from the training images (paper: 5,000)
 *     .subsample(10_000)      // use 10,000 training images in all (quick runs)
 *     .testSubsample(2_000)
 *     .seed(3)
 *     .preprocess(Preprocessing.meanSubtraction())
 *     .load();
 * }</pre>
 */
public final class DatasetSpec {
  /** The training and test images as read from the files. */
  record Raw(ImageDataset train, ImageDataset test, List<Path> files) {}

  @FunctionalInterface
  interface Loader {
    Raw load(Path cache, List<Path> localDirs);
  }

  private final String name;
  private final Loader loader;
  private final int validation;
  private final int subsample;
  private final int testSubsample;
  private final long seed;
  private final List<Preprocessing> steps;
  private final Path cache;
  private final List<Path> localDirs;

  DatasetSpec(String name, Loader loader) {
    this(name, loader, 5_000, -1, -1, 0, List.of(), null, List.of());
  }

  private DatasetSpec(
      String name,
      Loader loader,
      int validation,
      int subsample,
      int testSubsample,
      long seed,
      List<Preprocessing> steps,
      Path cache,
      List<Path> localDirs) {
    this.name = name;
    this.loader = loader;
    this.validation = validation;
    this.subsample = subsample;
    this.testSubsample = testSubsample;
    this.seed = seed;
    this.steps = List.copyOf(steps);
    this.cache = cache;
    this.localDirs = List.copyOf(localDirs);
  }

  /** The size of the stratified validation split (default: the paper's 5,000). */
  public DatasetSpec validation(int images) {
    if (images < 1) {
      throw new IllegalArgumentException("validation needs at least 1 image, got " + images);
    }
    return new DatasetSpec(
        name, loader, images, subsample, testSubsample, seed, steps, cache, localDirs);
  }

  /** Uses only this many training images (validation included), stratified. */
  public DatasetSpec subsample(int images) {
    if (images < 2) {
      throw new IllegalArgumentException("subsample needs at least 2 images, got " + images);
    }
    return new DatasetSpec(
        name, loader, validation, images, testSubsample, seed, steps, cache, localDirs);
  }

  /** Uses only this many test images, stratified. */
  public DatasetSpec testSubsample(int images) {
    if (images < 1) {
      throw new IllegalArgumentException("testSubsample needs at least 1 image, got " + images);
    }
    return new DatasetSpec(
        name, loader, validation, subsample, images, seed, steps, cache, localDirs);
  }

  /** The seed of the split and subsampling (default 0). */
  public DatasetSpec seed(long seed) {
    return new DatasetSpec(
        name, loader, validation, subsample, testSubsample, seed, steps, cache, localDirs);
  }

  /** Preprocessing steps, applied in order after splitting (fitted on the training images). */
  public DatasetSpec preprocess(Preprocessing... more) {
    List<Preprocessing> all = new ArrayList<>(steps);
    all.addAll(List.of(more));
    return new DatasetSpec(
        name, loader, validation, subsample, testSubsample, seed, all, cache, localDirs);
  }

  /** Where downloads are cached (default {@link Datasets#defaultCache()}). */
  public DatasetSpec cache(Path dir) {
    return new DatasetSpec(
        name,
        loader,
        validation,
        subsample,
        testSubsample,
        seed,
        steps,
        Objects.requireNonNull(dir),
        localDirs);
  }

  /** A directory searched before the cache for the dataset's files. */
  public DatasetSpec localDir(Path dir) {
    List<Path> dirs = new ArrayList<>(localDirs);
    dirs.add(dir);
    return new DatasetSpec(
        name, loader, validation, subsample, testSubsample, seed, steps, cache, dirs);
  }

  public String name() {
    return name;
  }

  /**
   * Reads (or downloads) the files and makes the splits.
   *
   * @throws DataFormatException when a file is damaged, naming it and the fix
   * @throws IllegalArgumentException when the sizes asked for do not fit the dataset
   */
  public Splits load() {
    Raw raw = loader.load(cache != null ? cache : Datasets.defaultCache(), localDirs);
    ImageDataset pool = raw.train();
    if (subsample > 0) {
      if (subsample > pool.size()) {
        throw new IllegalArgumentException(
            name
                + ": subsample "
                + subsample
                + " is larger than the "
                + pool.size()
                + " training images");
      }
      pool =
          pool.select(
              Sampling.stratified(pool.labels(), pool.classes(), subsample, seed), pool.name());
    }
    if (validation >= pool.size()) {
      throw new IllegalArgumentException(
          name + ": validation " + validation + " leaves no training images of " + pool.size());
    }
    int[] val = Sampling.stratified(pool.labels(), pool.classes(), validation, seed + 1);
    ImageDataset train = pool.select(Sampling.complement(val, pool.size()), name + "/train");
    ImageDataset valid = pool.select(val, name + "/validation");
    ImageDataset test = raw.test();
    if (testSubsample > 0 && testSubsample < test.size()) {
      test =
          test.select(
              Sampling.stratified(test.labels(), test.classes(), testSubsample, seed + 2),
              name + "/test");
    }
    Splits splits =
        new Splits(
            train,
            valid,
            test,
            name + " (seed " + seed + (subsample > 0 ? ", subsample " + subsample : "") + ")",
            FileCheck.sha256(raw.files()));
    for (Preprocessing step : steps) {
      splits = step.apply(splits);
    }
    return splits;
  }

  @Override
  public String toString() {
    return "DatasetSpec["
        + name
        + ", validation "
        + validation
        + ", subsample "
        + subsample
        + ", seed "
        + seed
        + "]";
  }
}
