package io.github.metaqnn4j.predict;

import java.util.SplittableRandom;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * nu-support vector regression with an RBF kernel (libsvm), on standardised features: the paper's
 * regressor. {@link #tuned} chooses C, nu and gamma by random search with k-fold cross-validation.
 *
 * @param c the penalty C
 * @param nu the nu of nu-SVR, in (0, 1]
 * @param gamma the RBF kernel's gamma
 */
record NuSvr(double c, double nu, double gamma) implements Regressor {
  static {
    svm.svm_set_print_string_function(s -> {}); // libsvm prints its progress otherwise
  }

  NuSvr {
    if (!(c > 0) || !(nu > 0 && nu <= 1) || !(gamma > 0)) {
      throw new IllegalArgumentException(
          "nu-SVR needs C > 0, nu in (0, 1] and gamma > 0, got " + c + ", " + nu + ", " + gamma);
    }
  }

  @Override
  public Model fit(double[][] x, double[] y) {
    Scaling scaling = Scaling.of(x);
    svm_problem problem = new svm_problem();
    problem.l = x.length;
    problem.y = y.clone();
    problem.x = new svm_node[x.length][];
    for (int i = 0; i < x.length; i++) {
      problem.x[i] = nodes(scaling.apply(x[i]));
    }
    svm_parameter p = new svm_parameter();
    p.svm_type = svm_parameter.NU_SVR;
    p.kernel_type = svm_parameter.RBF;
    p.C = c;
    p.nu = nu;
    p.gamma = gamma;
    p.cache_size = 20;
    p.eps = 1e-3;
    p.shrinking = 1;
    p.probability = 0;
    svm_model model = svm.svm_train(problem, p);
    return row -> svm.svm_predict(model, nodes(scaling.apply(row)));
  }

  private static svm_node[] nodes(double[] z) {
    svm_node[] n = new svm_node[z.length];
    for (int j = 0; j < z.length; j++) {
      n[j] = new svm_node();
      n[j].index = j + 1;
      n[j].value = z[j];
    }
    return n;
  }

  /**
   * The best of {@code trials} random settings (C log-uniform in [0.1, 100], nu uniform in [0.1,
   * 0.9], gamma log-uniform in [0.001, 1]) by {@code folds}-fold cross-validated squared error.
   */
  static NuSvr tuned(double[][] x, double[] y, int trials, int folds, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    NuSvr best = new NuSvr(10, 0.5, 1.0 / x[0].length);
    double bestError = CrossValidation.meanSquaredError(best, x, y, folds);
    for (int i = 0; i < trials; i++) {
      NuSvr candidate =
          new NuSvr(
              Math.pow(10, -1 + 3 * random.nextDouble()),
              0.1 + 0.8 * random.nextDouble(),
              Math.pow(10, -3 + 3 * random.nextDouble()));
      double error = CrossValidation.meanSquaredError(candidate, x, y, folds);
      if (error < bestError) {
        best = candidate;
        bestError = error;
      }
    }
    return best;
  }
}
