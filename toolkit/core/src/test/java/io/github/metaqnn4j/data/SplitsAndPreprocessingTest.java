package io.github.metaqnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsAndPreprocessingTest {

  private static ImageDataset random(int n, int channels, int size, int classes, long seed) {
    Random r = new Random(seed);
    float[] p = new float[n * channels * size * size];
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextFloat();
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i < n / 2 ? 0 : 1 + r.nextInt(classes - 1); // class 0 holds half
    }
    return new ImageDataset("rand", channels, size, size, classes, p, labels);
  }

  @Test
  void stratifiedChoicesKeepClassSharesAndAreSeeded() {
    ImageDataset d = random(1000, 1, 2, 4, 1);
    int[] pick = Sampling.stratified(d.labels(), 4, 100, 9);
    assertEquals(100, pick.length);
    int[] counts = d.select(pick, "p").classCounts();
    int[] all = d.classCounts();
    for (int c = 0; c < 4; c++) {
      assertEquals(all[c] / 10.0, counts[c], 1.0);
    }
    assertArrayEquals(pick, Sampling.stratified(d.labels(), 4, 100, 9));
    assertNotEquals(
        java.util.Arrays.toString(pick),
        java.util.Arrays.toString(Sampling.stratified(d.labels(), 4, 100, 10)));
    int[] rest = Sampling.complement(pick, 1000);
    Set<Integer> seen = new HashSet<>();
    for (int i : pick) seen.add(i);
    for (int i : rest) assertTrue(seen.add(i));
    assertEquals(1000, seen.size());
    assertThrows(IllegalArgumentException.class, () -> Sampling.stratified(d.labels(), 4, 1001, 1));
  }

  @Test
  void meanSubtractionUsesTrainingMeans() {
    Splits s =
        new Splits(random(50, 1, 3, 2, 1), random(10, 1, 3, 2, 2), random(10, 1, 3, 2, 3), "r");
    Splits m = Preprocessing.meanSubtraction().apply(s);
    for (int j = 0; j < 9; j++) {
      double sum = 0;
      for (int i = 0; i < 50; i++) {
        sum += m.train().pixels()[i * 9 + j];
      }
      assertEquals(0, sum / 50, 1e-6);
    }
    float shift = s.test().pixels()[0] - m.test().pixels()[0];
    assertEquals(shift, s.train().pixels()[0] - m.train().pixels()[0], 1e-6);
    assertTrue(m.description().endsWith("mean subtraction"));
  }

  @Test
  void globalContrastGivesZeroMeanUnitDeviationPerImage() {
    Splits s = new Splits(random(5, 3, 4, 2, 1), random(2, 3, 4, 2, 2), random(2, 3, 4, 2, 3), "r");
    ImageDataset g = Preprocessing.globalContrastNormalization().apply(s).validation();
    for (int i = 0; i < 2; i++) {
      double sum = 0;
      double sq = 0;
      for (int j = 0; j < 48; j++) {
        double v = g.pixels()[i * 48 + j];
        sum += v;
        sq += v * v;
      }
      assertEquals(0, sum / 48, 1e-5);
      assertEquals(1, sq / 48, 1e-4);
    }
  }

  @Test
  void localContrastIsScaleInvariantAndZeroOnFlatImages() {
    ImageDataset d = random(3, 1, 8, 2, 4);
    float[] doubled = d.pixels().clone();
    for (int i = 0; i < doubled.length; i++) {
      doubled[i] = 2 * doubled[i] + 0.5f;
    }
    Preprocessing lcn = Preprocessing.localContrastNormalization(3);
    ImageDataset a = lcn.apply(new Splits(d, d, d, "r")).train();
    ImageDataset b = lcn.apply(new Splits(d.withPixels(doubled, 8, 8), d, d, "r")).train();
    for (int i = 0; i < a.pixels().length; i++) {
      assertEquals(a.pixels()[i], b.pixels()[i], 1e-4);
    }
    float[] flat = new float[64];
    java.util.Arrays.fill(flat, 0.3f);
    ImageDataset f = new ImageDataset("flat", 1, 8, 8, 2, flat, new int[] {0});
    for (float v : lcn.apply(new Splits(f, f, f, "f")).train().pixels()) {
      assertEquals(0, v, 1e-6);
    }
    assertThrows(IllegalArgumentException.class, () -> Preprocessing.localContrastNormalization(4));
  }

  @Test
  void zcaWhitensTheTrainingCovariance() {
    // correlated 2x2 images: pixel 1 = pixel 0 + noise, pixels 2, 3 independent
    Random r = new Random(5);
    int n = 4000;
    float[] p = new float[n * 4];
    for (int i = 0; i < n; i++) {
      float a = (float) r.nextGaussian();
      p[i * 4] = a;
      p[i * 4 + 1] = a + 0.3f * (float) r.nextGaussian();
      p[i * 4 + 2] = 2 * (float) r.nextGaussian();
      p[i * 4 + 3] = 0.5f * (float) r.nextGaussian();
    }
    ImageDataset d = new ImageDataset("c", 1, 2, 2, 2, p, new int[n]);
    ImageDataset w = Preprocessing.zcaWhitening(1e-6).apply(new Splits(d, d, d, "c")).train();
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        double cov = 0;
        for (int i = 0; i < n; i++) {
          cov += w.pixels()[i * 4 + a] * w.pixels()[i * 4 + b];
        }
        assertEquals(a == b ? 1 : 0, cov / n, 1e-3, "cov " + a + "," + b);
      }
    }
  }

  @Test
  void paddingAddsZeroBorders() {
    ImageDataset d = random(2, 3, 4, 2, 1);
    ImageDataset p = Preprocessing.padding(2).apply(new Splits(d, d, d, "r")).test();
    assertEquals(8, p.height());
    assertEquals(8, p.width());
    assertEquals(0f, p.pixel(1, 2, 0, 0));
    assertEquals(0f, p.pixel(1, 2, 7, 7));
    assertEquals(d.pixel(1, 2, 3, 1), p.pixel(1, 2, 5, 3));
  }

  @Test
  void specSizesAreChecked() {
    DatasetSpec spec =
        Datasets.fromSvhnMat(java.nio.file.Path.of("none"), java.nio.file.Path.of("none"));
    assertThrows(IllegalArgumentException.class, () -> spec.validation(0));
    assertThrows(IllegalArgumentException.class, () -> spec.subsample(1));
  }
}
