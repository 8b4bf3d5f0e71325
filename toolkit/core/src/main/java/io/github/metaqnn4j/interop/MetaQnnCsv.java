package io.github.metaqnn4j.interop;

import io.github.metaqnn4j.agent.QTable;
import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.space.Architecture;
import io.github.metaqnn4j.space.Echo;
import io.github.metaqnn4j.space.KernelRule;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.NotationException;
import io.github.metaqnn4j.space.State;
import io.github.metaqnn4j.space.StateGraph;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import io.github.metaqnn4j.store.StoredModel;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV logs of the original MetaQNN code (github.com/bowenbaker/metaqnn): {@code q_values.csv}
 * (one row per state-action pair, columns {@code start_*}, {@code end_*} and {@code utility}) and
 * {@code replay_database.csv} (one row per iteration: {@code net}, {@code accuracy_best_val},
 * {@code iter_best_val}, {@code accuracy_last_val}, {@code iter_last_val}, {@code
 * accuracy_best_test}, {@code accuracy_last_test}, {@code ix_q_value_update}, {@code epsilon},
 * {@code time_finished}, {@code machine_run_on}). Logs of the original code can be imported into a
 * store and analysed here; a store exported here can be read by the original code.
 *
 * <p>Nets are written as the original code writes them, with its dropout layers {@code D(i,n)}
 * inserted after every second layer and after each FC layer; the import removes them. Our curves
 * count epochs, so exported {@code iter_*_val} columns are epoch numbers.
 *
 * <pre>{@code
 * try (var store = ExperimentStore.open(Path.of("runs/demo.db"))) {
 *   MetaQnnCsv.export(store, Path.of("runs/demo-csv"));
 * }
 * MetaQnnCsv.importInto(Path.of("logs/cifar10"), StateSpace.cifar10().build(), Path.of("runs/imported.db"));
 * }</pre>
 */
public final class MetaQnnCsv {
  /** The original code's Q-value file name. */
  public static final String Q_VALUES = "q_values.csv";

  /** The original code's replay database file name. */
  public static final String REPLAY = "replay_database.csv";

  private static final String[] STATE_COLUMNS = {
    "layer_type",
    "layer_depth",
    "filter_depth",
    "filter_size",
    "stride",
    "image_size",
    "fc_size",
    "terminate"
  };
  private static final List<String> REPLAY_COLUMNS =
      List.of(
          "net",
          "accuracy_best_val",
          "iter_best_val",
          "accuracy_last_val",
          "iter_last_val",
          "accuracy_best_test",
          "accuracy_last_test",
          "ix_q_value_update",
          "epsilon",
          "time_finished",
          "machine_run_on");

  /** Replay columns kept as metrics on import when present. */
  private static final List<String> IMPORTED_METRICS =
      List.of(
          "iter_best_val",
          "accuracy_last_val",
          "iter_last_val",
          "accuracy_best_test",
          "accuracy_last_test");

  private static final Pattern DROPOUT =
      Pattern.compile("\\s*D\\(\\s*\\d+\\s*,\\s*\\d+\\s*\\)\\s*,");

  private MetaQnnCsv() {}

  /**
   * What an import read.
   *
   * @param iterations replay rows imported
   * @param models distinct architectures among them
   * @param qValues Q-value rows applied to the space's Q table
   * @param qValuesOutsideSpace Q-value rows whose state-action pair is not in the space (skipped)
   */
  public record ImportSummary(int iterations, int models, int qValues, int qValuesOutsideSpace) {}

  // ---- export --------------------------------------------------------------------------------

  /**
   * What an export wrote.
   *
   * @param iterations replay rows written, one per iteration
   * @param qValues Q-value rows written
   * @param qValuesLeftOut state-action pairs of the store that the original code's enumerator
   *     cannot create, left out: a kernel at or above the size bucket's value ({@link
   *     KernelRule#ORIGINAL_CODE}), or a state only such a kernel leads to
   * @param netsOutsideOriginal replay nets the original code's rules do not allow (written, but its
   *     Q update cannot replay them)
   */
  public record ExportSummary(
      int iterations, int qValues, int qValuesLeftOut, int netsOutsideOriginal) {}

  /**
   * Writes {@value #Q_VALUES} and {@value #REPLAY} of {@code store} into {@code dir}, in the form
   * the original code writes and loads: canonical states only, pool actions keyed by the bucket
   * they land in, integer columns as integers, {@code ix_q_value_update} counting from 1.
   *
   * @throws StoreException when a file cannot be written
   */
  public static ExportSummary export(ExperimentStore store, Path dir) {
    StateSpace space = store.space().orElseGet(() -> StateSpace.paper().build());
    StateSpace original = space.toBuilder().kernelRule(KernelRule.ORIGINAL_CODE).build();
    try {
      Files.createDirectories(dir);
      int[] q = writeQValues(store.qValues(), original, dir.resolve(Q_VALUES));
      List<StoredModel> models = store.models();
      writeReplay(models, store.finishTimes(), dir.resolve(REPLAY));
      int outside = 0;
      for (StoredModel m : models) {
        outside += original.accepts(Architecture.parse(m.architecture())) ? 0 : 1;
      }
      return new ExportSummary(models.size(), q[0], q[1], outside);
    } catch (IOException e) {
      throw new StoreException("cannot export " + store.file() + " to " + dir + ": " + e, e);
    }
  }

  /**
   * Writes the pairs the original enumerator creates: those of {@code original}, the space under
   * the original code's kernel rule. Returns {written, left out}.
   */
  private static int[] writeQValues(List<QValue> qValues, StateSpace original, Path file)
      throws IOException {
    StateGraph graph = original.graph();
    List<String> header = new ArrayList<>();
    for (String side : new String[] {"start_", "end_"}) {
      for (String c : STATE_COLUMNS) {
        header.add(side + c);
      }
    }
    header.add("utility");
    int written = 0;
    try (Writer w = Files.newBufferedWriter(file);
        CSVPrinter out = csv().setHeader(header.toArray(new String[0])).build().print(w)) {
      for (QValue q : qValues) {
        int s = graph.stateId(q.state());
        if (s < 0 || !graph.actions(s).contains(q.action())) {
          continue;
        }
        List<Object> row = new ArrayList<>(fields(MetaQnnState.of(q.state())));
        row.addAll(fields(MetaQnnState.action(q.state(), q.action(), original)));
        row.add(q.value());
        out.printRecord(row);
        written++;
      }
    }
    return new int[] {written, qValues.size() - written};
  }

  private static List<Object> fields(MetaQnnState s) {
    return List.of(
        s.layerType(),
        s.layerDepth(),
        s.filterDepth(),
        s.filterSize(),
        s.stride(),
        s.imageSize(),
        s.fcSize(),
        s.terminate());
  }

  private static void writeReplay(
      List<StoredModel> models, Map<Integer, Instant> finished, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file);
        CSVPrinter out = csv().setHeader(REPLAY_COLUMNS.toArray(new String[0])).build().print(w)) {
      for (StoredModel m : models) {
        List<Double> curve = m.curve();
        Map<String, Double> x = m.metrics();
        int bestEpoch = 0;
        for (int e = 1; e < curve.size(); e++) {
          if (curve.get(e) > curve.get(bestEpoch)) {
            bestEpoch = e;
          }
        }
        double best = curve.isEmpty() ? m.reward() : curve.get(bestEpoch);
        double last = curve.isEmpty() ? m.reward() : curve.get(curve.size() - 1);
        out.printRecord(
            originalNet(Architecture.parse(m.architecture())),
            best,
            Math.round(x.getOrDefault("iter_best_val", curve.isEmpty() ? 0.0 : bestEpoch + 1.0)),
            x.getOrDefault("accuracy_last_val", last),
            Math.round(x.getOrDefault("iter_last_val", (double) curve.size())),
            x.getOrDefault("accuracy_best_test", -1.0),
            x.getOrDefault("accuracy_last_test", -1.0),
            m.iteration() + 1,
            m.epsilon(),
            unixSeconds(finished.getOrDefault(m.iteration(), Instant.EPOCH)),
            "metaqnn4j");
      }
    }
  }

  /** UNIX seconds as Python's {@code time.time()} prints them: plain decimals, milliseconds. */
  private static String unixSeconds(Instant t) {
    BigDecimal s = BigDecimal.valueOf(t.toEpochMilli(), 3).stripTrailingZeros();
    return (s.scale() < 1 ? s.setScale(1) : s).toPlainString();
  }

  /**
   * The net string the original code writes for an architecture: its dropout layers {@code D(i,n)}
   * after every second layer and after every FC layer (none after GAP or at the end), where {@code
   * n} counts the layers and the termination state as the original code does.
   *
   * <pre>{@code
   * MetaQnnCsv.originalNet(Architecture.parse("[C(64,3,1), P(2,2), SM(10)]"));
   * // "[C(64,3,1), P(2,2), D(1,1), SM(10)]"
   * }</pre>
   */
  public static String originalNet(Architecture architecture) {
    List<Layer> layers = architecture.layers();
    int body = architecture.depth();
    // the original's termination state is a copy of the last state: it has that state's type
    List<String> types = new ArrayList<>();
    for (int i = 0; i < body; i++) {
      types.add(layers.get(i).type());
    }
    types.add(body == 0 ? "start" : layers.get(body - 1).type());
    long fc = types.stream().filter("FC"::equals).count();
    long gap = types.stream().filter("GAP"::equals).count();
    long dropLayers = (types.size() - gap - fc) / 2 + fc;
    List<String> out = new ArrayList<>();
    int drop = 1;
    for (int i = 0; i < types.size(); i++) {
      boolean terminal = i == body;
      out.add(terminal ? layers.get(layers.size() - 1).notation() : layers.get(i).notation());
      String type = types.get(i);
      if ((((i + 1) % 2 == 0 && i != 0) || type.equals("FC"))
          && !terminal
          && !type.equals("GAP")
          && drop <= dropLayers) {
        out.add("D(" + drop + "," + dropLayers + ")");
        drop++;
      }
    }
    return "[" + String.join(", ", out) + "]";
  }

  // ---- import --------------------------------------------------------------------------------

  /**
   * Creates the store {@code storeFile} from the original code's logs in {@code dir}: every row of
   * {@value #REPLAY} in the order of {@code ix_q_value_update} (the first row of a net is its
   * model, later ones are re-samples), and the Q values of {@value #Q_VALUES} (if present) in the Q
   * table of {@code searched}, starting from the paper's 0.5 elsewhere. The space is read with the
   * original code's kernel rule ({@link KernelRule#ORIGINAL_CODE}), whatever {@code searched} says,
   * since the logs were written under it. Duplicate FC and GAP states of the original's sampling
   * walk (keyed by the bucket before the layer, never updated) are resolved by meaning: the value
   * of the canonical row wins, in any row order.
   *
   * @throws StoreException naming the file, row and problem, when a log does not fit {@code
   *     searched} or {@code storeFile} already holds an experiment
   */
  public static ImportSummary importInto(Path dir, StateSpace searched, Path storeFile) {
    StateSpace space = searched.toBuilder().kernelRule(KernelRule.ORIGINAL_CODE).build();
    Path replay = dir.resolve(REPLAY);
    if (!Files.isRegularFile(replay)) {
      throw new StoreException(
          "no " + REPLAY + " in " + dir + ": point to the folder of the original code's logs");
    }
    List<Row> rows = readReplay(replay, space);
    Path qFile = dir.resolve(Q_VALUES);
    QTable table = new QTable(space.graph(), 0.5);
    int[] counts = Files.isRegularFile(qFile) ? readQValues(qFile, space, table) : new int[2];
    if (Files.exists(storeFile)) {
      try (ExperimentStore existing = ExperimentStore.open(storeFile)) {
        if (!existing.settings().isEmpty() || !existing.models().isEmpty()) {
          throw new StoreException(
              storeFile + " already holds an experiment: import into a new file.");
        }
      }
    }
    // written beside the store and moved to its name once complete: a failure leaves no store
    Path partial = storeFile.resolveSibling(storeFile.getFileName() + ".importing");
    deleteStore(partial);
    ImportSummary summary;
    try {
      summary = write(rows, space, dir, table, counts, partial);
      Files.move(partial, storeFile, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StoreException("cannot write " + storeFile + ": " + e.getMessage(), e);
    } finally {
      deleteStore(partial);
    }
    return summary;
  }

  private static void deleteStore(Path file) {
    try {
      for (String end : new String[] {"", "-wal", "-shm", "-journal"}) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + end));
      }
    } catch (IOException e) {
      throw new StoreException("cannot remove " + file + ": " + e.getMessage(), e);
    }
  }

  private static ImportSummary write(
      List<Row> rows, StateSpace space, Path dir, QTable table, int[] counts, Path storeFile) {
    try (ExperimentStore store = ExperimentStore.open(storeFile)) {
      Map<String, Object> settings = new TreeMap<>();
      settings.put("source", "MetaQNN CSV logs");
      settings.put("imported_from", dir.toAbsolutePath().toString());
      settings.put("space", space.settings());
      store.useSettings(settings);
      Map<Architecture, Integer> modelOf = new HashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        boolean reused = modelOf.containsKey(r.architecture);
        int model = reused ? -1 : modelOf.size();
        modelOf.putIfAbsent(r.architecture, model);
        store.append(
            new StoredModel(
                i,
                model,
                r.architecture.toString(),
                r.epsilon,
                r.accuracy,
                reused,
                "COMPLETED",
                "",
                0,
                List.of(),
                r.metrics),
            r.finished,
            null);
      }
      store.replaceQValues(table.entries());
      store.setStatus("IMPORTED");
      return new ImportSummary(rows.size(), modelOf.size(), counts[0], counts[1]);
    }
  }

  private record Row(
      double order,
      Architecture architecture,
      double accuracy,
      double epsilon,
      Instant finished,
      Map<String, Double> metrics) {}

  private static List<Row> readReplay(Path file, StateSpace space) {
    List<Row> rows = new ArrayList<>();
    for (CSVRecord rec :
        records(file, "net", "accuracy_best_val", "epsilon", "ix_q_value_update")) {
      String where = file + " row " + rec.getRecordNumber();
      String net = rec.get("net");
      Architecture arch;
      try {
        arch = Architecture.parse(DROPOUT.matcher(net).replaceAll(""));
      } catch (NotationException e) {
        throw new StoreException(
            where + ": cannot read the net " + Echo.of(net) + ": " + e.getMessage());
      }
      space
          .check(arch)
          .ifPresent(
              why -> {
                throw new StoreException(
                    where
                        + ": "
                        + Echo.of(why, 300)
                        + ". Import with the state space the experiment used (preset, depth,"
                        + " image size).");
              });
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (String column : IMPORTED_METRICS) {
        if (rec.isMapped(column)) {
          metrics.put(column, number(rec, column, where));
        }
      }
      double time = rec.isMapped("time_finished") ? number(rec, "time_finished", where) : 0;
      rows.add(
          new Row(
              number(rec, "ix_q_value_update", where),
              arch,
              accuracy(number(rec, "accuracy_best_val", where), where),
              epsilon(number(rec, "epsilon", where), where),
              Instant.ofEpochMilli(Math.round(time * 1000)),
              metrics));
    }
    rows.sort(Comparator.comparingDouble(Row::order));
    return rows;
  }

  /** Applies the Q values; returns {applied, outside the space}. */
  private static int[] readQValues(Path file, StateSpace space, QTable table) {
    List<String> required = new ArrayList<>();
    for (String side : new String[] {"start_", "end_"}) {
      for (String c : STATE_COLUMNS) {
        required.add(side + c);
      }
    }
    required.add("utility");
    StateGraph graph = space.graph();
    // the original's duplicate FC states (keyed by an earlier image size) never learn: a value of
    // the canonical form wins over theirs, whatever the row order
    Set<List<Object>> fromCanonical = new HashSet<>();
    int applied = 0;
    int outside = 0;
    for (CSVRecord rec : records(file, required.toArray(new String[0]))) {
      String where = file + " row " + rec.getRecordNumber();
      MetaQnnState start = state(rec, "start_", where);
      MetaQnnState end = state(rec, "end_", where);
      double utility = number(rec, "utility", where);
      if (!Double.isFinite(utility)) {
        throw new StoreException(where + ": utility " + utility + " is not a finite number");
      }
      State state;
      Layer action;
      try {
        state = start.toState(space);
        action = end.toAction(space);
      } catch (IllegalArgumentException e) {
        throw new StoreException(where + ": " + e.getMessage());
      }
      int s = graph.stateId(state);
      if (s < 0 || !graph.actions(s).contains(action)) {
        outside++;
        continue;
      }
      List<Object> pair = List.of(state, action);
      if (start.canonical()) {
        fromCanonical.add(pair);
        table.setValue(state, action, utility);
      } else if (!fromCanonical.contains(pair)) {
        table.setValue(state, action, utility);
      }
      applied++;
    }
    return new int[] {applied, outside};
  }

  private static MetaQnnState state(CSVRecord rec, String side, String where) {
    int[] v = new int[STATE_COLUMNS.length - 1];
    for (int i = 1; i < STATE_COLUMNS.length; i++) {
      v[i - 1] = (int) number(rec, side + STATE_COLUMNS[i], where);
    }
    return new MetaQnnState(
        rec.get(side + STATE_COLUMNS[0]), v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
  }

  private static List<CSVRecord> records(Path file, String... required) {
    try (Reader r = Files.newBufferedReader(file)) {
      var parser = csv().setHeader().setSkipHeaderRecord(true).build().parse(r);
      List<String> missing = new ArrayList<>();
      for (String c : required) {
        if (!parser.getHeaderMap().containsKey(c)) {
          missing.add(c);
        }
      }
      if (!missing.isEmpty()) {
        throw new StoreException(
            file + " is not a MetaQNN log: it lacks the columns " + String.join(", ", missing));
      }
      return parser.getRecords();
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static double number(CSVRecord rec, String column, String where) {
    String text = rec.isSet(column) ? rec.get(column).strip() : "";
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new StoreException(where + ": " + column + " is '" + Echo.of(text) + "', not a number");
    }
  }

  private static double epsilon(double value, String where) {
    if (!(value >= 0 && value <= 1)) {
      throw new StoreException(where + ": epsilon " + value + " is not in [0, 1]");
    }
    return value;
  }

  private static double accuracy(double value, String where) {
    if (!(value >= 0 && value <= 1)) {
      throw new StoreException(where + ": accuracy_best_val " + value + " is not in [0, 1]");
    }
    return value;
  }

  private static CSVFormat.Builder csv() {
    return CSVFormat.DEFAULT.builder().setRecordSeparator('\n');
  }
}
