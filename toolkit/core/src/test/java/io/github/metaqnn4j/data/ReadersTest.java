package io.github.metaqnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadersTest {
  @TempDir Path dir;

  @Test
  void idxFilesWrittenHereReadBackGzippedOrNot() throws IOException {
    Files.write(
        dir.resolve("train-images-idx3-ubyte.gz"), DataFiles.gzip(DataFiles.idxImages(40, 5, 6)));
    Files.write(
        dir.resolve("train-labels-idx1-ubyte.gz"), DataFiles.gzip(DataFiles.idxLabels(40, 4)));
    Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), DataFiles.idxImages(8, 5, 6));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), DataFiles.idxLabels(8, 4));
    Splits s = Datasets.fromIdx(dir, "tiny", 4).validation(8).seed(3).load();
    assertEquals(32, s.train().size());
    assertEquals(8, s.validation().size());
    assertEquals(8, s.test().size());
    assertArrayEquals(new int[] {2, 2, 2, 2}, s.validation().classCounts());
    ImageDataset test = s.test();
    assertEquals(5, test.height());
    assertEquals(6, test.width());
    assertEquals(DataFiles.pixel(7, 0, 4, 5) / 255f, test.pixel(7, 0, 4, 5));
    assertEquals(3, test.labels()[7]);
  }

  @Test
  void truncatedOrForeignIdxFilesGetClearErrors() throws IOException {
    byte[] images = DataFiles.idxImages(10, 4, 4);
    Path img = dir.resolve("img");
    Path lab = dir.resolve("lab");
    Files.write(img, Arrays.copyOf(images, images.length - 5));
    Files.write(lab, DataFiles.idxLabels(10, 3));
    var e = assertThrows(DataFormatException.class, () -> IdxReader.read(img, lab, "x", 3));
    assertEquals(img, e.file());
    assertTrue(
        e.getMessage().contains("truncated or padded: 10 images of 4x4 need 176 bytes, found 171"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Delete the file"), e.getMessage());

    Files.write(img, images);
    Files.write(lab, DataFiles.idxImages(10, 4, 4));
    e = assertThrows(DataFormatException.class, () -> IdxReader.read(img, lab, "x", 3));
    assertTrue(e.getMessage().contains("is not an IDX label file"), e.getMessage());

    Files.write(lab, DataFiles.idxLabels(9, 3));
    e = assertThrows(DataFormatException.class, () -> IdxReader.read(img, lab, "x", 3));
    assertTrue(e.getMessage().contains("has 9 labels but img has 10 images"), e.getMessage());

    byte[] gz = DataFiles.gzip(images);
    Files.write(img, Arrays.copyOf(gz, gz.length / 2));
    Files.write(lab, DataFiles.idxLabels(10, 3));
    e = assertThrows(DataFormatException.class, () -> IdxReader.read(img, lab, "x", 3));
    assertTrue(e.getMessage().contains("damaged gzip file"), e.getMessage());
  }

  @Test
  void cifar10FromArchiveAndDirectory() throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    for (int b = 1; b <= 5; b++) {
      members.put(
          "cifar-10-batches-bin/data_batch_" + b + ".bin",
          DataFiles.cifarRecords(4, false, (b - 1) * 4));
    }
    members.put("cifar-10-batches-bin/test_batch.bin", DataFiles.cifarRecords(3, false, 100));
    members.put("cifar-10-batches-bin/readme.html", new byte[] {1, 2, 3});
    Path archive = dir.resolve("cifar-10-binary.tar.gz");
    DataFiles.tarGz(archive, members);
    Splits s = Datasets.fromCifarBinary(archive, false).validation(10).load();
    assertEquals(10, s.train().size());
    assertEquals(3, s.test().size());
    ImageDataset test = s.test();
    assertEquals(3, test.channels());
    assertEquals(DataFiles.pixel(102, 2, 31, 0) / 255f, test.pixel(2, 2, 31, 0));
    assertEquals(102 % 10, test.labels()[2]);

    Path extracted = Files.createDirectories(dir.resolve("bin"));
    for (var e : members.entrySet()) {
      Files.write(extracted.resolve(Path.of(e.getKey()).getFileName()), e.getValue());
    }
    assertEquals(s.test(), Datasets.fromCifarBinary(extracted, false).validation(10).load().test());
  }

  @Test
  void cifar100UsesFineLabelsAndTruncationIsNamed() throws IOException {
    Path d = Files.createDirectories(dir.resolve("c100"));
    Files.write(d.resolve("train.bin"), DataFiles.cifarRecords(200, true, 0));
    Files.write(d.resolve("test.bin"), DataFiles.cifarRecords(100, true, 0));
    Splits s = Datasets.fromCifarBinary(d, true).validation(100).load();
    assertEquals(100, s.classes());
    assertEquals(57, s.test().labels()[57]);
    byte[] cut = DataFiles.cifarRecords(3, true, 0);
    Files.write(d.resolve("test.bin"), Arrays.copyOf(cut, cut.length - 1));
    var e =
        assertThrows(
            DataFormatException.class,
            () -> Datasets.fromCifarBinary(d, true).validation(100).load());
    assertTrue(
        e.getMessage().contains("not a whole number of 3074-byte records (truncated?)"),
        e.getMessage());
  }

  @Test
  void anArchiveEntryNamedSlashIsAnErrorNotANullPointer() throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("/", new byte[0]);
    members.put("test_batch.bin", DataFiles.cifarRecords(3, false, 0));
    Path archive = dir.resolve("slash.tar.gz");
    DataFiles.tarGz(archive, members);
    var e =
        assertThrows(
            DataFormatException.class,
            () -> Datasets.fromCifarBinary(archive, false).validation(1).load());
    assertTrue(
        e.getMessage().contains("which names no file"),
        e.getMessage()); // the leading / is stripped
  }

  @Test
  void cifarMembersAreReadRecordByRecordAndOversizedOnesRefused() throws IOException {
    // a member announcing more records than CIFAR has is refused before anything is read
    var reader = new CifarReader(false, dir.resolve("x.tar.gz"));
    long huge = (long) (CifarReader.MAX_RECORDS + 1) * 3073;
    var e =
        assertThrows(
            DataFormatException.class,
            () -> reader.add("data_batch_1.bin", java.io.InputStream.nullInputStream(), huge));
    assertTrue(e.getMessage().contains("60001 records, more than CIFAR's 60000"), e.getMessage());
    // a stream that ends before its announced size is an error, not a short dataset
    byte[] three = DataFiles.cifarRecords(3, false, 0);
    assertThrows(
        java.io.EOFException.class,
        () ->
            reader.add(
                "test_batch.bin",
                new java.io.ByteArrayInputStream(Arrays.copyOf(three, 2 * 3073)),
                three.length));
  }

  @Test
  void gzipDecompressionOfUserFilesIsBounded() throws IOException {
    Path bomb = dir.resolve("bomb-idx3-ubyte.gz");
    Files.write(bomb, DataFiles.gzip(new byte[5_000_000])); // 5 MB of zeros: about 5 KB gzipped
    assertTrue(Files.size(bomb) < 10_000);
    var e = assertThrows(DataFormatException.class, () -> IdxReader.payload(bomb, 1_000_000));
    assertTrue(e.getMessage().contains("decompresses to more than 1000000 bytes"), e.getMessage());
    assertEquals(5_000_000, IdxReader.payload(bomb, 5_000_000).length);
  }

  @Test
  void svhnMatFilesWithDigitTenAsZero() throws IOException {
    Path train = dir.resolve("train_32x32.mat");
    Path test = dir.resolve("test_32x32.mat");
    DataFiles.svhnMat(train, 30);
    DataFiles.svhnMat(test, 12);
    Splits s = Datasets.fromSvhnMat(train, test).validation(10).load();
    ImageDataset t = s.test();
    assertEquals(12, t.size());
    assertEquals(10, t.classes());
    assertEquals(0, t.labels()[9]); // y = 10 means the digit 0
    assertEquals(3, t.labels()[2]);
    assertEquals(DataFiles.pixel(11, 1, 5, 30) / 255f, t.pixel(11, 1, 5, 30));
    Files.write(test, new byte[] {1, 2, 3, 4});
    var e = assertThrows(DataFormatException.class, () -> SvhnReader.read(test, "svhn/test"));
    assertEquals(test, e.file());
  }

  @Test
  void realFashionMnistFromDebian() {
    Path debian = Path.of(Datasets.DEBIAN_FASHION_MNIST);
    assertTrue(
        Files.isDirectory(debian),
        "Debian's dataset-fashion-mnist is missing: run scripts/test, or apt-get install dataset-fashion-mnist");
    Splits s = Datasets.fashionMnist().cache(dir).validation(5_000).seed(1).load();
    assertEquals(55_000, s.train().size());
    assertEquals(5_000, s.validation().size());
    assertEquals(10_000, s.test().size());
    assertEquals(28, s.imageSize());
    int[] counts = new int[10];
    for (int[] c : new int[][] {s.train().classCounts(), s.validation().classCounts()}) {
      for (int k = 0; k < 10; k++) {
        counts[k] += c[k];
      }
    }
    int[] sixThousand = new int[10];
    Arrays.fill(sixThousand, 6_000);
    assertArrayEquals(sixThousand, counts);
    int[] fiveHundred = new int[10];
    Arrays.fill(fiveHundred, 500);
    assertArrayEquals(fiveHundred, s.validation().classCounts());
    // the first test image of Fashion-MNIST is an ankle boot (class 9)
    assertEquals(9, s.test().labels()[0]);
  }
}
