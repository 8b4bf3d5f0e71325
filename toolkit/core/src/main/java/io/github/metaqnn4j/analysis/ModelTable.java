package io.github.metaqnn4j.analysis;

import io.github.metaqnn4j.store.FinalModels;
import io.github.metaqnn4j.store.StoredModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Builds the Tablesaw tables of a report from stored models. */
final class ModelTable {
  private ModelTable() {}

  /** One row per model: rank (by reward) or iteration order, with its figures. */
  static Table of(String name, List<StoredModel> models, boolean ranked) {
    int n = models.size();
    int[] rank = new int[n];
    int[] iteration = new int[n];
    double[] epsilon = new double[n];
    double[] accuracy = new double[n];
    int[] epochs = new int[n];
    double[] parameters = new double[n];
    double[] seconds = new double[n];
    String[] status = new String[n];
    String[] architecture = new String[n];
    for (int i = 0; i < n; i++) {
      StoredModel m = models.get(i);
      rank[i] = i + 1;
      iteration[i] = m.iteration();
      epsilon[i] = m.epsilon();
      accuracy[i] = m.reward();
      epochs[i] = m.curve().size();
      parameters[i] = m.metrics().getOrDefault("parameters", Double.NaN);
      seconds[i] = m.seconds();
      status[i] = m.status();
      architecture[i] = m.architecture();
    }
    Table t = Table.create(name);
    if (ranked) {
      t.addColumns(IntColumn.create("rank", rank));
    }
    return t.addColumns(
        IntColumn.create("iteration", iteration),
        DoubleColumn.create("epsilon", epsilon),
        DoubleColumn.create("accuracy", accuracy),
        IntColumn.create("epochs", epochs),
        DoubleColumn.create("parameters", parameters),
        DoubleColumn.create("seconds", seconds),
        StringColumn.create("status", status),
        StringColumn.create("architecture", architecture));
  }

  /** Models, mean and best accuracy for each epsilon, the highest epsilon first. */
  static Table byEpsilon(List<StoredModel> models) {
    Map<Double, List<StoredModel>> groups = new TreeMap<>(Comparator.reverseOrder());
    models.forEach(m -> groups.computeIfAbsent(m.epsilon(), e -> new ArrayList<>()).add(m));
    DoubleColumn eps = DoubleColumn.create("epsilon");
    IntColumn count = IntColumn.create("models");
    DoubleColumn mean = DoubleColumn.create("mean accuracy");
    DoubleColumn best = DoubleColumn.create("best accuracy");
    IntColumn failed = IntColumn.create("failed");
    groups.forEach(
        (e, list) -> {
          eps.append(e);
          count.append(list.size());
          mean.append(list.stream().mapToDouble(StoredModel::reward).average().orElse(0));
          best.append(list.stream().mapToDouble(StoredModel::reward).max().orElse(0));
          failed.append((int) list.stream().filter(m -> m.status().equals("FAILED")).count());
        });
    return Table.create("models by epsilon", eps, count, mean, best, failed);
  }

  /** The finished models and, last, their ensemble. */
  static Table finals(FinalModels f) {
    StringColumn rank = StringColumn.create("rank");
    DoubleColumn test = DoubleColumn.create("test accuracy");
    IntColumn epochs = IntColumn.create("epochs");
    DoubleColumn seconds = DoubleColumn.create("seconds");
    StringColumn architecture = StringColumn.create("architecture");
    int r = 1;
    for (FinalModels.Model m : f.models()) {
      rank.append(String.valueOf(r++));
      test.append(m.testAccuracy());
      epochs.append(m.trainingLoss().size());
      seconds.append(m.seconds());
      architecture.append(m.architecture());
    }
    rank.append("ensemble");
    test.append(f.ensembleTestAccuracy());
    epochs.appendMissing();
    seconds.appendMissing();
    architecture.append("softmax average of the " + f.models().size() + " above");
    return Table.create("finished models", rank, test, epochs, seconds, architecture);
  }
}
