package io.github.metaqnn4j.analysis;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.median;
import static tech.tablesaw.aggregate.AggregateFunctions.quartile1;
import static tech.tablesaw.aggregate.AggregateFunctions.quartile3;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.store.FinalModels;
import io.github.metaqnn4j.store.StoredModel;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** Builds the Tablesaw tables of a report from stored models. */
final class ModelTable {
  private ModelTable() {}

  /**
   * One row per model in the given order: the iteration (from 1, as the original code's {@code
   * ix_q_value_update}), how it was sampled, its architecture and size, and how it trained.
   */
  static Table of(String name, List<StoredModel> models) {
    IntColumn iteration = IntColumn.create("iteration");
    DoubleColumn epsilon = DoubleColumn.create("epsilon");
    StringColumn architecture = StringColumn.create("architecture");
    IntColumn depth = IntColumn.create("depth");
    IntColumn[] byType = {
      IntColumn.create("conv"),
      IntColumn.create("pool"),
      IntColumn.create("fc"),
      IntColumn.create("gap")
    };
    String[] types = {"C", "P", "FC", "GAP"};
    DoubleColumn parameters = DoubleColumn.create("parameters");
    DoubleColumn flops = DoubleColumn.create("flops");
    DoubleColumn accuracy = DoubleColumn.create("accuracy");
    IntColumn epochs = IntColumn.create("epochs");
    BooleanColumn stopped = BooleanColumn.create("early stopped");
    BooleanColumn resample = BooleanColumn.create("re-sample");
    StringColumn status = StringColumn.create("status");
    for (StoredModel m : models) {
      Architecture a = Architecture.parse(m.architecture());
      iteration.append(m.iteration() + 1);
      epsilon.append(m.epsilon());
      architecture.append(m.architecture());
      depth.append(a.depth());
      for (int t = 0; t < types.length; t++) {
        byType[t].append((int) a.count(types[t]));
      }
      parameters.append(m.metrics().getOrDefault("parameters", Double.NaN));
      flops.append(m.metrics().getOrDefault("flops", Double.NaN));
      accuracy.append(m.reward());
      epochs.append(m.curve().size());
      stopped.append(m.status().equals("STOPPED_EARLY"));
      resample.append(m.reused());
      status.append(m.status());
    }
    Table t = Table.create(name, iteration, epsilon, architecture, depth);
    t.addColumns(byType);
    t.addColumns(parameters, flops, accuracy, epochs, stopped, resample, status);
    return formatted(t);
  }

  /**
   * The accuracy of the models at each epsilon, the highest first: count, mean, standard deviation,
   * quartiles (commons-math's default estimate) and best.
   */
  static Table byEpsilon(String name, Table models) {
    Table labelled = models.copy();
    StringColumn label = StringColumn.create("epsilon label");
    models.doubleColumn("epsilon").forEach(e -> label.append(Figures.epsilon(e)));
    labelled.addColumns(label);
    Table t =
        labelled
            .summarize("accuracy", count, mean, stdDev, quartile1, median, quartile3, max)
            .by("epsilon label");
    DoubleColumn epsilon = DoubleColumn.create("epsilon");
    t.stringColumn(0).forEach(e -> epsilon.append(Double.parseDouble(e)));
    t.replaceColumn(0, epsilon);
    String[] names = {"epsilon", "models", "mean", "std", "q1", "median", "q3", "best"};
    for (int i = 0; i < names.length; i++) {
      t.column(i).setName(names[i]);
    }
    counts(t, "models");
    return formatted(t.sortDescendingOn("epsilon").setName(name));
  }

  /** Turns the named count columns, which Tablesaw's summaries give as doubles, into integers. */
  static Table counts(Table t, String... names) {
    for (String n : names) {
      t.replaceColumn(n, t.doubleColumn(n).asIntColumn().setName(n));
    }
    return t;
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
    return formatted(Table.create("finished models", rank, test, epochs, seconds, architecture));
  }

  /**
   * Sets each number column's printed precision: counts as integers with grouping, epsilon as it
   * is, the rest to 4 decimals (what a reader compares; the values keep their full precision).
   */
  static Table formatted(Table t) {
    for (Column<?> c : t.columns()) {
      if (c instanceof DoubleColumn d) {
        String n = d.name();
        d.setPrintFormatter(
            n.equals("parameters") || n.equals("flops") || n.equals("seconds")
                ? NumberColumnFormatter.intsWithGrouping()
                : n.equals("epsilon")
                    ? NumberColumnFormatter.standard()
                    : NumberColumnFormatter.fixedWithGrouping(4));
      } else if (c instanceof NumericColumn<?> number && !(c instanceof IntColumn)) {
        number.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
      }
    }
    return t;
  }
}
