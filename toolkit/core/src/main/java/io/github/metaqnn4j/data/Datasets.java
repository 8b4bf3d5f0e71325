package io.github.metaqnn4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The datasets of the paper and Fashion-MNIST, and readers for your own files in their formats.
 * Each dataset is found locally (the cache, or for Fashion-MNIST Debian's {@code
 * dataset-fashion-mnist} in {@value #DEBIAN_FASHION_MNIST}) or downloaded from its publisher, and
 * checked.
 *
 * <p>The cache is {@code data/cache} under the working directory unless the system property {@code
 * metaqnn4j.cache} or the environment variable {@code METAQNN4J_CACHE} names another.
 *
 * <pre>{@code
 * var data = Datasets.fashionMnist().validation(5_000).subsample(10_000).seed(7).load();
 * var mine = Datasets.fromIdx(Path.of("my-idx-files"), "digits", 10).validation(100).load();
 * }</pre>
 */
public final class Datasets {
  /** Where Debian's dataset-fashion-mnist package puts the files. */
  public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

  private static final String[] IDX_FILES = {
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz"
  };

  private Datasets() {}

  // ---- the files of the built-in datasets, with their publishers' sizes and checksums ----------

  private static final String MNIST_BASE = "https://storage.googleapis.com/cvdf-datasets/mnist/";
  private static final List<RemoteFile> MNIST_FILES =
      List.of(
          idx(
              MNIST_BASE,
              0,
              47_040_016,
              "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
          idx(
              MNIST_BASE,
              1,
              60_008,
              "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
          idx(
              MNIST_BASE,
              2,
              7_840_016,
              "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
          idx(
              MNIST_BASE,
              3,
              10_008,
              "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

  private static final String FASHION_BASE = "https://fashion-mnist.s3.eu-central-1.amazonaws.com/";
  private static final List<RemoteFile> FASHION_FILES =
      List.of(
          idx(
              FASHION_BASE,
              0,
              47_040_016,
              "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
          idx(
              FASHION_BASE,
              1,
              60_008,
              "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
          idx(
              FASHION_BASE,
              2,
              7_840_016,
              "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
          idx(
              FASHION_BASE,
              3,
              10_008,
              "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

  private static final RemoteFile CIFAR10_FILE =
      new RemoteFile(
          "cifar-10-binary.tar.gz",
          URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
          new FileCheck(
              170_052_171,
              "SHA-256",
              "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
              false));

  private static final RemoteFile CIFAR100_FILE =
      new RemoteFile(
          "cifar-100-binary.tar.gz",
          URI.create("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"),
          new FileCheck(168_513_733, "MD5", "03b5dce01913d631647c71ecec9e9cb8", false));

  private static final String SVHN_BASE = "https://ufldl.stanford.edu/housenumbers/";
  private static final RemoteFile SVHN_TRAIN =
      new RemoteFile(
          "train_32x32.mat",
          URI.create(SVHN_BASE + "train_32x32.mat"),
          new FileCheck(182_040_794, "MD5", "e26dedcc434d2e4c54c9b2d4a06d8373", false));
  private static final RemoteFile SVHN_TEST =
      new RemoteFile(
          "test_32x32.mat",
          URI.create(SVHN_BASE + "test_32x32.mat"),
          new FileCheck(64_275_384, "MD5", "eb5a983be6a315427106f1b164d9cef3", false));

  /** Every file the built-in datasets download. */
  static List<RemoteFile> builtInFiles() {
    List<RemoteFile> all = new ArrayList<>(MNIST_FILES);
    all.addAll(FASHION_FILES);
    all.addAll(List.of(CIFAR10_FILE, CIFAR100_FILE, SVHN_TRAIN, SVHN_TEST));
    return all;
  }

  /** MNIST (60,000 + 10,000 handwritten digits, 28x28), from the mirror TensorFlow uses. */
  public static DatasetSpec mnist() {
    return new DatasetSpec(
        "mnist", (cache, local) -> readIdx(fetchAll(MNIST_FILES, cache, local), "mnist", 10));
  }

  /** Fashion-MNIST (60,000 + 10,000 clothing images, 28x28, 10 classes). */
  public static DatasetSpec fashionMnist() {
    return new DatasetSpec(
            "fashion-mnist",
            (cache, local) -> readIdx(fetchAll(FASHION_FILES, cache, local), "fashion-mnist", 10))
        .localDir(Path.of(DEBIAN_FASHION_MNIST));
  }

  /** CIFAR-10, binary version (50,000 + 10,000 colour images, 32x32, 10 classes). */
  public static DatasetSpec cifar10() {
    return new DatasetSpec(
        "cifar10",
        (cache, local) -> readCifar(Downloader.ensure(CIFAR10_FILE, cache, local), false));
  }

  /** CIFAR-100, binary version (fine labels: 100 classes). The publisher gives only an MD5. */
  public static DatasetSpec cifar100() {
    return new DatasetSpec(
        "cifar100",
        (cache, local) -> readCifar(Downloader.ensure(CIFAR100_FILE, cache, local), true));
  }

  /** SVHN cropped digits (73,257 + 26,032 images, 32x32; the label 10 means digit 0). */
  public static DatasetSpec svhn() {
    return new DatasetSpec(
        "svhn",
        (cache, local) ->
            readSvhn(
                Downloader.ensure(SVHN_TRAIN, cache, local),
                Downloader.ensure(SVHN_TEST, cache, local)));
  }

  /** Your own IDX files in {@code dir}, with the MNIST file names; not checksummed. */
  public static DatasetSpec fromIdx(Path dir, String name, int classes) {
    return new DatasetSpec(
        name,
        (cache, local) -> {
          List<Path> paths = new ArrayList<>();
          for (String f : IDX_FILES) {
            paths.add(dir.resolve(f));
          }
          return readIdx(paths, name, classes);
        });
  }

  /**
   * Your own CIFAR binary files: the .tar.gz archive or a directory holding the .bin files
   * (data_batch_1..5.bin and test_batch.bin, or train.bin and test.bin for CIFAR-100).
   */
  public static DatasetSpec fromCifarBinary(Path archiveOrDir, boolean cifar100) {
    return new DatasetSpec(
        cifar100 ? "cifar100" : "cifar10", (cache, local) -> readCifar(archiveOrDir, cifar100));
  }

  /** Your own SVHN .mat files. */
  public static DatasetSpec fromSvhnMat(Path trainMat, Path testMat) {
    return new DatasetSpec("svhn", (cache, local) -> readSvhn(trainMat, testMat));
  }

  /** The dataset cache directory. */
  public static Path defaultCache() {
    String p = System.getProperty("metaqnn4j.cache", System.getenv("METAQNN4J_CACHE"));
    return p != null ? Path.of(p) : Path.of("data", "cache");
  }

  private static RemoteFile idx(String base, int which, long size, String sha256) {
    return new RemoteFile(
        IDX_FILES[which],
        URI.create(base + IDX_FILES[which]),
        new FileCheck(size, "SHA-256", sha256, true));
  }

  private static List<Path> fetchAll(List<RemoteFile> files, Path cache, List<Path> local) {
    return files.stream().map(f -> Downloader.ensure(f, cache, local)).toList();
  }

  private static DatasetSpec.Raw readIdx(List<Path> p, String name, int classes) {
    return new DatasetSpec.Raw(
        IdxReader.read(p.get(0), p.get(1), name + "/train", classes),
        IdxReader.read(p.get(2), p.get(3), name + "/test", classes),
        p);
  }

  private static DatasetSpec.Raw readSvhn(Path train, Path test) {
    return new DatasetSpec.Raw(
        SvhnReader.read(train, "svhn/train"),
        SvhnReader.read(test, "svhn/test"),
        List.of(train, test));
  }

  private static DatasetSpec.Raw readCifar(Path source, boolean cifar100) {
    List<String> train =
        cifar100
            ? List.of("train.bin")
            : List.of(
                "data_batch_1.bin",
                "data_batch_2.bin",
                "data_batch_3.bin",
                "data_batch_4.bin",
                "data_batch_5.bin");
    List<String> test = List.of(cifar100 ? "test.bin" : "test_batch.bin");
    CifarReader reader = new CifarReader(cifar100, source);
    List<Path> files = new ArrayList<>();
    try {
      if (Files.isDirectory(source)) {
        for (String f : concat(train, test)) {
          Path file = source.resolve(f);
          if (!Files.isRegularFile(file)) {
            throw new DataFormatException(
                source, "has no " + f, "Put the CIFAR binary files there");
          }
          try (InputStream in = Files.newInputStream(file)) {
            reader.add(f, in, Files.size(file));
          }
          files.add(file);
        }
      } else {
        files.add(source);
        try (InputStream raw = Files.newInputStream(source);
            TarArchiveInputStream tar =
                new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
          for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
            String base = memberName(e.getName(), source);
            if (e.isFile() && (train.contains(base) || test.contains(base))) {
              reader.add(base, tar, e.getSize());
            }
          }
        }
        for (String f : concat(train, test)) {
          if (!reader.has(f)) {
            throw new DataFormatException(
                source, "has no member " + f, "Delete it so that it is downloaded again");
          }
        }
      }
    } catch (IOException e) {
      throw new DataFormatException(
          source,
          "cannot be read as a CIFAR archive (" + e.getMessage() + ")",
          "Delete it so that it is downloaded again",
          e);
    }
    String name = cifar100 ? "cifar100" : "cifar10";
    return new DatasetSpec.Raw(
        reader.dataset(train, name + "/train"), reader.dataset(test, name + "/test"), files);
  }

  /** The file name of a tar entry; an entry with none (such as {@code /}) is an error. */
  static String memberName(String entry, Path archive) {
    String trimmed = entry.replaceAll("/+$", "");
    int slash = trimmed.lastIndexOf('/');
    String base = trimmed.substring(slash + 1);
    if (base.isEmpty()) {
      throw new DataFormatException(
          archive,
          "has an entry named '" + entry + "', which names no file",
          "Check that it is the CIFAR binary archive, or delete it so that it is downloaded again");
    }
    return base;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
