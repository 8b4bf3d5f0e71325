package io.github.metaqnn4j.store;

import io.github.metaqnn4j.agent.QValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One experiment in an SQLite file: configuration ({@code meta}), every iteration ({@code models},
 * with learning curves) and the latest Q values ({@code q_values}). Each model is written in its
 * own transaction, so a process killed at any moment leaves every completed model intact.
 *
 * <pre>{@code
 * try (var store = ExperimentStore.open(Path.of("runs/demo.db"))) {
 *   store.config();        // the settings the experiment was started with
 *   store.models();        // every iteration so far
 * }
 * }</pre>
 */
public final class ExperimentStore implements AutoCloseable {
  /** The schema version this toolkit writes. */
  public static final int SCHEMA_VERSION = 1;

  private static final String FORMAT = "metaqnn4j-experiment";
  private final Path file;
  private final Connection db;

  private ExperimentStore(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /**
   * Opens (or creates) the experiment store in {@code file}.
   *
   * @throws StoreException when the file is not an experiment store, or a newer one
   */
  public static ExperimentStore open(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      ExperimentStore store = new ExperimentStore(file, db);
      try (Statement st = db.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=NORMAL");
      }
      if (fresh) {
        store.createSchema();
      } else {
        store.checkFormat();
      }
      return store;
    } catch (SQLException e) {
      throw new StoreException(
          file
              + " is not a metaqnn4j experiment store ("
              + e.getMessage()
              + "). Choose another file.",
          e);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private void createSchema() throws SQLException {
    try (Statement st = db.createStatement()) {
      db.setAutoCommit(false);
      st.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      st.execute(
          "CREATE TABLE models(iteration INTEGER PRIMARY KEY, model INTEGER NOT NULL,"
              + " architecture TEXT NOT NULL, epsilon REAL NOT NULL, reward REAL NOT NULL,"
              + " reused INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,"
              + " seconds REAL NOT NULL, curve TEXT NOT NULL, metrics TEXT NOT NULL,"
              + " finished_at TEXT NOT NULL)");
      st.execute(
          "CREATE TABLE q_values(state TEXT NOT NULL, action TEXT NOT NULL, value REAL NOT NULL,"
              + " PRIMARY KEY(state, action))");
      putMeta("format", FORMAT);
      putMeta("schema_version", String.valueOf(SCHEMA_VERSION));
      putMeta("created", Instant.now().toString());
      db.commit();
    } finally {
      db.setAutoCommit(true);
    }
  }

  private void checkFormat() throws SQLException {
    Map<String, String> meta;
    try {
      meta = meta();
    } catch (SQLException e) {
      throw new StoreException(
          file
              + " is an SQLite file but not a metaqnn4j experiment store (no meta table)."
              + " Choose another file.");
    }
    if (!FORMAT.equals(meta.get("format"))) {
      throw new StoreException(file + " is not a metaqnn4j experiment store. Choose another file.");
    }
    int version = Integer.parseInt(meta.getOrDefault("schema_version", "0"));
    if (version > SCHEMA_VERSION) {
      throw new StoreException(
          file
              + " was written by a newer metaqnn4j (schema "
              + version
              + ", this one reads "
              + SCHEMA_VERSION
              + "). Upgrade metaqnn4j to read it.");
    }
  }

  /** The file of this store. */
  public Path file() {
    return file;
  }

  /** The experiment's configuration: the settings stored under {@code config.*}, by name. */
  public Map<String, String> config() {
    try {
      Map<String, String> config = new TreeMap<>();
      meta()
          .forEach(
              (k, v) -> {
                if (k.startsWith("config.")) {
                  config.put(k.substring(7), v);
                }
              });
      return config;
    } catch (SQLException e) {
      throw failure("read the configuration", e);
    }
  }

  /**
   * Records the configuration of a new experiment, or checks that it matches the stored one.
   *
   * @throws StoreException naming every setting that differs, when the store holds another search
   */
  public void useConfig(Map<String, String> config) {
    Map<String, String> stored = config();
    if (stored.isEmpty()) {
      try {
        db.setAutoCommit(false);
        for (var e : config.entrySet()) {
          putMeta("config." + e.getKey(), e.getValue());
        }
        putMeta("status", "running");
        db.commit();
      } catch (SQLException e) {
        throw failure("write the configuration", e);
      } finally {
        autoCommit();
      }
      return;
    }
    List<String> differences = new ArrayList<>();
    for (String key : new TreeSet<>(union(stored.keySet(), config.keySet()))) {
      String a = stored.get(key);
      String b = config.get(key);
      if (a == null || !a.equals(b)) {
        differences.add(key + ": stored " + a + ", now " + b);
      }
    }
    if (!differences.isEmpty()) {
      throw new StoreException(
          file
              + " holds another experiment; its settings differ:\n  "
              + String.join("\n  ", differences)
              + "\nUse the stored settings to resume it, or another file for a new experiment.");
    }
  }

  /** Writes one iteration and, when given, the current Q values, in one transaction. */
  public void append(StoredModel m, List<QValue> qValues) {
    try {
      db.setAutoCommit(false);
      try (PreparedStatement ps =
          db.prepareStatement("INSERT INTO models VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
        ps.setInt(1, m.iteration());
        ps.setInt(2, m.model());
        ps.setString(3, m.architecture());
        ps.setDouble(4, m.epsilon());
        ps.setDouble(5, m.reward());
        ps.setInt(6, m.reused() ? 1 : 0);
        ps.setString(7, m.status());
        ps.setString(8, m.reason());
        ps.setDouble(9, m.seconds());
        ps.setString(
            10, m.curve().stream().map(d -> Double.toString(d)).collect(Collectors.joining(",")));
        ps.setString(
            11,
            new TreeMap<>(m.metrics())
                .entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(",")));
        ps.setString(12, Instant.now().toString());
        ps.executeUpdate();
      }
      if (qValues != null) {
        writeQValues(qValues);
      }
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("write iteration " + m.iteration(), e);
    } finally {
      autoCommit();
    }
  }

  private void writeQValues(List<QValue> qValues) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT OR REPLACE INTO q_values VALUES (?,?,?)")) {
      for (QValue q : qValues) {
        ps.setString(1, q.state().toString());
        ps.setString(2, q.action().notation());
        ps.setDouble(3, q.value());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Every stored iteration, in order. */
  public List<StoredModel> models() {
    List<StoredModel> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM models ORDER BY iteration")) {
      while (rs.next()) {
        out.add(
            new StoredModel(
                rs.getInt("iteration"),
                rs.getInt("model"),
                rs.getString("architecture"),
                rs.getDouble("epsilon"),
                rs.getDouble("reward"),
                rs.getInt("reused") == 1,
                rs.getString("status"),
                rs.getString("reason"),
                rs.getDouble("seconds"),
                parseCurve(rs.getString("curve")),
                parseMetrics(rs.getString("metrics"))));
      }
    } catch (SQLException e) {
      throw failure("read the models", e);
    }
    return out;
  }

  /** The stored Q values as (state, action, value) text rows, sorted. */
  public List<String[]> qValueRows() {
    List<String[]> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT state, action, value FROM q_values ORDER BY state, action")) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2), Double.toString(rs.getDouble(3))});
      }
    } catch (SQLException e) {
      throw failure("read the Q values", e);
    }
    return out;
  }

  /** Records how the experiment ended (or that it is running). */
  public void setStatus(String status) {
    try {
      putMeta("status", status);
    } catch (SQLException e) {
      throw failure("write the status", e);
    }
  }

  /** The experiment's status: running, COMPLETED, EXHAUSTED or INTERRUPTED. */
  public String status() {
    try {
      return meta().getOrDefault("status", "new");
    } catch (SQLException e) {
      throw failure("read the status", e);
    }
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private Map<String, String> meta() throws SQLException {
    Map<String, String> meta = new LinkedHashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT key, value FROM meta")) {
      while (rs.next()) {
        meta.put(rs.getString(1), rs.getString(2));
      }
    }
    return meta;
  }

  private void putMeta(String key, String value) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  private static List<Double> parseCurve(String text) {
    return text.isEmpty()
        ? List.of()
        : Arrays.stream(text.split(",")).map(Double::valueOf).toList();
  }

  private static Map<String, Double> parseMetrics(String text) {
    Map<String, Double> m = new TreeMap<>();
    if (!text.isEmpty()) {
      for (String kv : text.split(",")) {
        int eq = kv.indexOf('=');
        m.put(kv.substring(0, eq), Double.valueOf(kv.substring(eq + 1)));
      }
    }
    return m;
  }

  private static <T> java.util.Set<T> union(java.util.Set<T> a, java.util.Set<T> b) {
    java.util.Set<T> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // the original failure is reported
    }
  }

  private void autoCommit() {
    try {
      db.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is unusable; the next call reports it
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
  }
}
