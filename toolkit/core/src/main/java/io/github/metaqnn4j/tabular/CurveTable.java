package io.github.metaqnn4j.tabular;

import io.github.metaqnn4j.predict.Observation;
import io.github.metaqnn4j.space.Architecture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Recorded learning curves, one per architecture: validation and test accuracy, training loss and
 * seconds per epoch, with the architecture's parameters and FLOPs. Stored as CSV, one row per epoch
 * (a model that failed has one row, epoch 0, with its reason), so that any tool reads it:
 *
 * <pre>
 * architecture,parameters,flops,status,epoch,val_accuracy,test_accuracy,train_loss,seconds,reason
 * "[C(8,3,1), SM(10)]",62810,1.3E6,COMPLETED,1,0.61,0.60,1.21,0.84,
 * </pre>
 *
 * <pre>{@code
 * var table = CurveTable.read(Path.of("data/fashion-small-d3.csv"));
 * table.size();                    // architectures
 * table.get(Architecture.parse("[C(8,3,1), SM(10)]")).orElseThrow().validation();
 * }</pre>
 */
public final class CurveTable {
  static final String[] HEADER = {
    "architecture",
    "parameters",
    "flops",
    "status",
    "epoch",
    "val_accuracy",
    "test_accuracy",
    "train_loss",
    "seconds",
    "reason"
  };

  /**
   * One architecture's record.
   *
   * @param validation validation accuracy after each epoch (empty when it failed)
   * @param test test accuracy after each epoch
   * @param loss mean training loss of each epoch
   * @param seconds wall time of each epoch (training and validation)
   * @param failure why it could not be trained, or empty
   */
  public record Curve(
      Architecture architecture,
      double parameters,
      double flops,
      List<Double> validation,
      List<Double> test,
      List<Double> loss,
      List<Double> seconds,
      String failure) {
    public Curve {
      validation = List.copyOf(validation);
      test = List.copyOf(test);
      loss = List.copyOf(loss);
      seconds = List.copyOf(seconds);
      if (test.size() != validation.size()
          || loss.size() != validation.size()
          || seconds.size() != validation.size()) {
        throw new IllegalArgumentException(
            architecture + ": the per-epoch columns differ in length");
      }
    }

    public boolean failed() {
      return validation.isEmpty();
    }

    /** The validation accuracy after the last epoch (the final accuracy y_T), or 0 if failed. */
    public double finalAccuracy() {
      return failed() ? 0 : validation.get(validation.size() - 1);
    }

    /** The best validation accuracy over the epochs, or 0 if failed. */
    public double bestAccuracy() {
      return validation.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** Seconds of training up to and including epoch {@code epochs}. */
    public double secondsUpTo(int epochs) {
      return seconds.subList(0, Math.min(epochs, seconds.size())).stream()
          .mapToDouble(Double::doubleValue)
          .sum();
    }
  }

  private final String name;
  private final Map<Architecture, Curve> curves;

  CurveTable(String name, List<Curve> curves) {
    this.name = name;
    Map<Architecture, Curve> m = new LinkedHashMap<>();
    for (Curve c : curves) {
      if (m.put(c.architecture(), c) != null) {
        throw new IllegalArgumentException(name + ": " + c.architecture() + " is listed twice");
      }
    }
    this.curves = Collections.unmodifiableMap(m);
  }

  /** The table's name (its file name without {@code .csv}). */
  public String name() {
    return name;
  }

  /** The number of architectures. */
  public int size() {
    return curves.size();
  }

  /** Every curve, in the order recorded. */
  public List<Curve> curves() {
    return List.copyOf(curves.values());
  }

  /** The curve of {@code architecture}, if the table has it. */
  public Optional<Curve> get(Architecture architecture) {
    return Optional.ofNullable(curves.get(architecture));
  }

  /** The curves of the models that trained fully, for fitting and checking predictors. */
  public List<Observation> observations() {
    return curves.values().stream()
        .filter(c -> !c.failed())
        .map(c -> new Observation(c.architecture(), c.validation()))
        .toList();
  }

  /** The most epochs any curve has. */
  public int epochs() {
    return curves.values().stream().mapToInt(c -> c.validation().size()).max().orElse(0);
  }

  /**
   * Reads a table written by {@link CurveRecorder}.
   *
   * @throws IllegalArgumentException naming the file, row and column of what is wrong
   */
  public static CurveTable read(Path csv) {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return read(in, csv.getFileName().toString().replaceFirst("\\.csv$", ""), csv.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
    }
  }

  /** Reads a table shipped with the toolkit ({@code data/<name>.csv}). */
  static CurveTable resource(String name) {
    var stream = CurveTable.class.getResourceAsStream("data/" + name + ".csv");
    if (stream == null) {
      throw new IllegalArgumentException("no recorded table named " + name + " in the toolkit");
    }
    try (Reader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      return read(in, name, name + ".csv");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  static CurveTable read(Reader in, String name, String where) throws IOException {
    Map<String, Builder> byArch = new LinkedHashMap<>();
    for (CSVRecord r : format().setHeader(HEADER).setSkipHeaderRecord(true).build().parse(in)) {
      String at = where + " row " + r.getRecordNumber();
      if (r.size() != HEADER.length) {
        throw new IllegalArgumentException(
            at + ": " + r.size() + " columns, expected " + HEADER.length);
      }
      String arch = r.get("architecture");
      Builder b =
          byArch.computeIfAbsent(
              arch,
              a ->
                  new Builder(
                      Architecture.parse(a), number(r, "parameters", at), number(r, "flops", at)));
      int epoch = (int) number(r, "epoch", at);
      if (epoch == 0) {
        b.failure = r.get("reason").isEmpty() ? "failed" : r.get("reason");
        continue;
      }
      if (epoch != b.validation.size() + 1) {
        throw new IllegalArgumentException(
            at + ": epoch " + epoch + " of " + arch + " out of order");
      }
      b.validation.add(number(r, "val_accuracy", at));
      b.test.add(number(r, "test_accuracy", at));
      b.loss.add(number(r, "train_loss", at));
      b.seconds.add(number(r, "seconds", at));
    }
    List<Curve> curves = new ArrayList<>();
    byArch.values().forEach(b -> curves.add(b.build()));
    return new CurveTable(name, curves);
  }

  private static final class Builder {
    final Architecture architecture;
    final double parameters;
    final double flops;
    final List<Double> validation = new ArrayList<>();
    final List<Double> test = new ArrayList<>();
    final List<Double> loss = new ArrayList<>();
    final List<Double> seconds = new ArrayList<>();
    String failure = "";

    Builder(Architecture architecture, double parameters, double flops) {
      this.architecture = architecture;
      this.parameters = parameters;
      this.flops = flops;
    }

    Curve build() {
      return new Curve(architecture, parameters, flops, validation, test, loss, seconds, failure);
    }
  }

  private static double number(CSVRecord r, String column, String at) {
    String v = r.get(column);
    try {
      return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(at + ": " + column + " is not a number: '" + v + "'");
    }
  }

  /** Appends {@code curve}'s rows to {@code csv} (with the header if the file is new), flushed. */
  static void append(Path csv, Curve curve) {
    try {
      boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
      try (Writer w =
              Files.newBufferedWriter(
                  csv,
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND);
          CSVPrinter out = new CSVPrinter(w, format().build())) {
        if (fresh) {
          out.printRecord((Object[]) HEADER);
        }
        String arch = curve.architecture().toString();
        String params = plain(curve.parameters());
        String flops = plain(curve.flops());
        if (curve.failed()) {
          out.printRecord(arch, params, flops, "FAILED", 0, "", "", "", "", curve.failure());
        }
        for (int t = 0; t < curve.validation().size(); t++) {
          out.printRecord(
              arch,
              params,
              flops,
              "COMPLETED",
              t + 1,
              plain(curve.validation().get(t)),
              plain(curve.test().get(t)),
              plain(curve.loss().get(t)),
              String.format(Locale.ROOT, "%.3f", curve.seconds().get(t)),
              "");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
    }
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static CSVFormat.Builder format() {
    return CSVFormat.DEFAULT.builder().setRecordSeparator('\n');
  }
}
