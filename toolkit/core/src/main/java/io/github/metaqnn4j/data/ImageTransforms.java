package io.github.metaqnn4j.data;

import java.util.function.UnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** The implementations of {@link Preprocessing}. */
final class ImageTransforms {
  private ImageTransforms() {}

  private static Splits map(Splits s, UnaryOperator<ImageDataset> f, String step) {
    return new Splits(
        f.apply(s.train()),
        f.apply(s.validation()),
        f.apply(s.test()),
        s.description() + ", " + step,
        s.sources());
  }

  record MeanSubtraction() implements Preprocessing {
    @Override
    public Splits apply(Splits s) {
      ImageDataset train = s.train();
      int len = train.imageLength();
      double[] mean = new double[len];
      for (int i = 0; i < train.size(); i++) {
        for (int j = 0; j < len; j++) {
          mean[j] += train.pixels()[i * len + j];
        }
      }
      for (int j = 0; j < len; j++) {
        mean[j] /= Math.max(1, train.size());
      }
      return map(
          s,
          d -> {
            float[] p = d.pixels().clone();
            for (int i = 0; i < d.size(); i++) {
              for (int j = 0; j < len; j++) {
                p[i * len + j] -= (float) mean[j];
              }
            }
            return d.withPixels(p, d.height(), d.width());
          },
          "mean subtraction");
    }
  }

  record GlobalContrast() implements Preprocessing {
    @Override
    public Splits apply(Splits s) {
      return map(
          s,
          d -> {
            int len = d.imageLength();
            float[] p = d.pixels().clone();
            for (int i = 0; i < d.size(); i++) {
              double sum = 0;
              for (int j = 0; j < len; j++) {
                sum += p[i * len + j];
              }
              double mean = sum / len;
              double sq = 0;
              for (int j = 0; j < len; j++) {
                double v = p[i * len + j] - mean;
                sq += v * v;
              }
              double sd = Math.max(1e-8, Math.sqrt(sq / len));
              for (int j = 0; j < len; j++) {
                p[i * len + j] = (float) ((p[i * len + j] - mean) / sd);
              }
            }
            return d.withPixels(p, d.height(), d.width());
          },
          "global contrast normalization");
    }
  }

  record LocalContrast(int kernel) implements Preprocessing {
    LocalContrast {
      if (kernel < 1 || kernel % 2 == 0) {
        throw new IllegalArgumentException(
            "the LCN kernel must be odd and positive, got " + kernel);
      }
    }

    @Override
    public Splits apply(Splits s) {
      double[] w = gaussian(kernel);
      return map(s, d -> d.withPixels(normalize(d, w), d.height(), d.width()), "LCN " + kernel);
    }

    private float[] normalize(ImageDataset d, double[] w) {
      int h = d.height();
      int wd = d.width();
      int plane = h * wd;
      float[] out = new float[d.pixels().length];
      double[] values = new double[plane];
      double[] centred = new double[plane];
      double[] squares = new double[plane];
      double[] sd = new double[plane];
      for (int img = 0; img < d.size(); img++) {
        for (int c = 0; c < d.channels(); c++) {
          int base = (img * d.channels() + c) * plane;
          for (int k = 0; k < plane; k++) {
            values[k] = d.pixels()[base + k];
          }
          for (int k = 0; k < plane; k++) {
            centred[k] = values[k] - localMean(values, w, h, wd, k / wd, k % wd);
            squares[k] = centred[k] * centred[k];
          }
          double meanSd = 0;
          for (int k = 0; k < plane; k++) {
            sd[k] = Math.sqrt(localMean(squares, w, h, wd, k / wd, k % wd));
            meanSd += sd[k];
          }
          double floor = Math.max(1e-8, meanSd / plane);
          for (int k = 0; k < plane; k++) {
            out[base + k] = (float) (centred[k] / Math.max(floor, sd[k]));
          }
        }
      }
      return out;
    }

    /** The weighted mean of {@code values} (an h x w plane) around (y, x), inside the image. */
    private double localMean(double[] values, double[] w, int h, int wd, int y, int x) {
      int r = kernel / 2;
      double sum = 0;
      double norm = 0;
      for (int dy = -r; dy <= r; dy++) {
        for (int dx = -r; dx <= r; dx++) {
          int yy = y + dy;
          int xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
            double wt = w[(dy + r) * kernel + dx + r];
            sum += wt * values[yy * wd + xx];
            norm += wt;
          }
        }
      }
      return sum / norm;
    }

    private static double[] gaussian(int k) {
      double sigma = k / 4.0;
      double[] w = new double[k * k];
      int r = k / 2;
      for (int y = -r; y <= r; y++) {
        for (int x = -r; x <= r; x++) {
          w[(y + r) * k + x + r] = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
        }
      }
      return w;
    }
  }

  record Zca(double epsilon) implements Preprocessing {
    Zca {
      if (!(epsilon > 0)) {
        throw new IllegalArgumentException("ZCA epsilon must be positive, got " + epsilon);
      }
    }

    @Override
    public Splits apply(Splits s) {
      ImageDataset train = s.train();
      int len = train.imageLength();
      int n = train.size();
      double[] mean = new double[len];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < len; j++) {
          mean[j] += train.pixels()[i * len + j];
        }
      }
      for (int j = 0; j < len; j++) {
        mean[j] /= n;
      }
      double[][] cov = new double[len][len];
      double[] row = new double[len];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < len; j++) {
          row[j] = train.pixels()[i * len + j] - mean[j];
        }
        for (int a = 0; a < len; a++) {
          double ra = row[a];
          double[] ca = cov[a];
          for (int b = a; b < len; b++) {
            ca[b] += ra * row[b];
          }
        }
      }
      for (int a = 0; a < len; a++) {
        for (int b = a; b < len; b++) {
          cov[a][b] /= n;
          cov[b][a] = cov[a][b];
        }
      }
      EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
      RealMatrix u = eig.getV();
      double[] lambda = eig.getRealEigenvalues();
      double[][] scaled = new double[len][len];
      for (int a = 0; a < len; a++) {
        for (int k = 0; k < len; k++) {
          scaled[a][k] = u.getEntry(a, k) / Math.sqrt(Math.max(0, lambda[k]) + epsilon);
        }
      }
      RealMatrix w = new Array2DRowRealMatrix(scaled, false).multiply(u.transpose());
      double[][] wd = w.getData();
      return map(
          s,
          d -> {
            float[] p = new float[d.pixels().length];
            double[] x = new double[len];
            for (int i = 0; i < d.size(); i++) {
              for (int j = 0; j < len; j++) {
                x[j] = d.pixels()[i * len + j] - mean[j];
              }
              for (int a = 0; a < len; a++) {
                double acc = 0;
                double[] wa = wd[a];
                for (int b = 0; b < len; b++) {
                  acc += wa[b] * x[b];
                }
                p[i * len + a] = (float) acc;
              }
            }
            return d.withPixels(p, d.height(), d.width());
          },
          "ZCA whitening (epsilon " + epsilon + ")");
    }
  }

  record Padding(int pixels) implements Preprocessing {
    Padding {
      if (pixels < 0) {
        throw new IllegalArgumentException("padding must not be negative, got " + pixels);
      }
    }

    @Override
    public Splits apply(Splits s) {
      return map(
          s,
          d -> {
            int h = d.height() + 2 * pixels;
            int w = d.width() + 2 * pixels;
            float[] p = new float[d.size() * d.channels() * h * w];
            for (int i = 0; i < d.size(); i++) {
              for (int c = 0; c < d.channels(); c++) {
                for (int y = 0; y < d.height(); y++) {
                  int src = ((i * d.channels() + c) * d.height() + y) * d.width();
                  int dst = ((i * d.channels() + c) * h + y + pixels) * w + pixels;
                  System.arraycopy(d.pixels(), src, p, dst, d.width());
                }
              }
            }
            return d.withPixels(p, h, w);
          },
          "padding " + pixels);
    }
  }
}
