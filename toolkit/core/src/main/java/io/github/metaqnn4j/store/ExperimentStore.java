package io.github.metaqnn4j.store;

import com.google.gson.JsonElement;
import io.github.metaqnn4j.agent.QValue;
import io.github.metaqnn4j.controller.ChoiceProbability;
import io.github.metaqnn4j.space.Echo;
import io.github.metaqnn4j.space.Layer;
import io.github.metaqnn4j.space.State;
import io.github.metaqnn4j.space.StateSpace;
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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One experiment in an SQLite file: configuration ({@code meta}), every iteration ({@code models},
 * with learning curves, status, failure reason, metrics and finish time), the latest Q values
 * ({@code q_values}) and, once the best models are finished, their test results ({@code
 * final_models}). Each model is written in its own transaction, so a process killed at any moment
 * leaves every completed model intact.
 *
 * <pre>{@code
 * try (var store = ExperimentStore.open(Path.of("runs/demo.db"))) {
 *   store.settings();      // the settings the experiment was started with
 *   store.sessions();      // each run and resume: where it ran, how it ended
 *   store.models();        // every iteration so far
 *   store.qValues();       // the agent's Q table when it was last stored
 * }
 * }</pre>
 */
public final class ExperimentStore implements AutoCloseable {
  /** The schema version this toolkit writes. */
  public static final int SCHEMA_VERSION = 3;

  private static final String FORMAT = "metaqnn4j-experiment";
  private static final String START = "start";
  private static final String SETTINGS = "settings";
  private final Path file;
  private final Connection db;
  // whether the tables have their seal column yet (not while an older store is checked)
  private boolean sealed;
  // whether every row must carry a seal (a store created with schema 3 or later)
  private boolean allSealed;

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
    return open(file, Durability.NORMAL);
  }

  /**
   * Opens (or creates) the experiment store in {@code file}, its commits as durable as {@code
   * durability} says.
   *
   * @throws StoreException when the file is not an experiment store, or a newer one
   */
  public static ExperimentStore open(Path file, Durability durability) {
    java.util.Objects.requireNonNull(durability, "durability");
    Connection db = null;
    if (Files.isDirectory(file)) {
      throw new StoreException(
          file + " is a folder: give a store's file, e.g. " + file.resolve("search.db"));
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      boolean existed = Files.isRegularFile(file) && Files.size(file) > 0;
      db = DriverManager.getConnection(jdbcUrl(file));
      Connection c = db;
      whileBusy(
          () -> {
            try (Statement st = c.createStatement()) {
              st.execute("PRAGMA journal_mode=WAL");
              st.execute(durability.pragma());
            }
          });
      if (existed) {
        whileBusy(() -> Integrity.check(c, file));
      }
      ExperimentStore store = new ExperimentStore(file, db);
      whileBusy(store::initialise);
      return store;
    } catch (SQLException e) {
      closeQuietly(db);
      if (Integrity.isDamage(e)) {
        throw Integrity.damaged(file, "SQLite: " + e.getMessage(), e);
      }
      String m = String.valueOf(e.getMessage());
      if (m.contains("SQLITE_BUSY")) {
        throw new StoreException(
            "cannot open " + file + ": another process holds its lock; try again when it is done",
            e);
      }
      if (m.contains("SQLITE_READONLY") || m.contains("SQLITE_CANTOPEN")) {
        throw new StoreException(
            "cannot open "
                + file
                + " for writing ("
                + m
                + "): check that the file and its folder are writable.",
            e);
      }
      if (m.contains("SQLITE_FULL") || m.contains("SQLITE_IOERR")) {
        throw new StoreException("cannot write " + file + ": " + m, e);
      }
      throw new StoreException(
          file
              + " is not a metaqnn4j experiment store ("
              + e.getMessage()
              + "). Choose another file.",
          e);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(db);
      throw e;
    }
  }

  /**
   * The JDBC URL of {@code file}, as an SQLite URI with the name percent-escaped: in a plain {@code
   * jdbc:sqlite:} URL, a {@code ?} in the file name would start connection options.
   */
  static String jdbcUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath().normalize().toUri().toASCIIString();
  }

  /** A step of opening a store. */
  private interface SqlStep {
    void run() throws SQLException;
  }

  private static final long BUSY_WAIT_NANOS = 30_000_000_000L;

  /**
   * Runs {@code step} again while another connection holds a lock it needs, for up to 30 s. SQLite
   * answers some requests (switching a new file to WAL, taking the write lock while another opener
   * reads) with SQLITE_BUSY at once rather than waiting, to avoid a deadlock; the step is then
   * retried from its start, which is safe because it rolls back what it began.
   */
  private static void whileBusy(SqlStep step) throws SQLException {
    long deadline = System.nanoTime() + BUSY_WAIT_NANOS;
    long pause = 5;
    while (true) {
      try {
        step.run();
        return;
      } catch (SQLException e) {
        if (!String.valueOf(e.getMessage()).contains("SQLITE_BUSY")
            || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for the store's lock [SQLITE_BUSY]");
      }
      pause = Math.min(200, pause * 2);
    }
  }

  /**
   * Creates the schema in an empty database or checks an existing one, holding the write lock, so
   * that processes opening a new file at the same moment do not both create it.
   */
  private void initialise() throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      boolean done = false;
      try {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type='table'")) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
        boolean created = tables.isEmpty();
        if (created) {
          createSchema(st);
        } else {
          checkFormat(tables);
        }
        // schema 1 had no sessions; its curves and metrics are still read (Json)
        st.execute(
            "CREATE TABLE IF NOT EXISTS sessions(id INTEGER PRIMARY KEY, started_at TEXT NOT NULL,"
                + " provenance TEXT NOT NULL, ended_at TEXT, status TEXT, reason TEXT)");
        // controller searches (older stores have none; older toolkits ignore it)
        st.execute(
            "CREATE TABLE IF NOT EXISTS choice_probabilities(iteration INTEGER NOT NULL,"
                + " controller INTEGER NOT NULL, step INTEGER NOT NULL, decision TEXT NOT NULL,"
                + " option TEXT NOT NULL, probability REAL NOT NULL, seal INTEGER,"
                + " PRIMARY KEY(iteration, controller, step, option))");
        addSeals(st, created);
        Lease.createTable(st); // who holds the store (older toolkits ignore it)
        // training controllers (QAN): episodes, and the agent's state after the last one
        st.execute(
            "CREATE TABLE IF NOT EXISTS episodes(episode INTEGER PRIMARY KEY, epsilon REAL NOT NULL,"
                + " episode_return REAL NOT NULL, final_accuracy REAL NOT NULL,"
                + " seconds REAL NOT NULL, steps TEXT NOT NULL, finished_at TEXT NOT NULL)");
        st.execute(
            "CREATE TABLE IF NOT EXISTS agent_state(id INTEGER PRIMARY KEY CHECK (id = 0),"
                + " episode INTEGER NOT NULL, state BLOB NOT NULL)");
        st.execute("COMMIT");
        done = true;
      } finally {
        if (!done) {
          quietRollback(st); // the failure that stopped the transaction is the one reported
        }
      }
    }
  }

  private static void quietRollback(Statement st) {
    try {
      st.execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction left (SQLite ends it on some errors, e.g. a full disk)
    }
  }

  private void createSchema(Statement st) throws SQLException {
    st.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL, seal INTEGER)");
    st.execute(
        "CREATE TABLE models(iteration INTEGER PRIMARY KEY, model INTEGER NOT NULL,"
            + " architecture TEXT NOT NULL, epsilon REAL NOT NULL, reward REAL NOT NULL,"
            + " reused INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,"
            + " seconds REAL NOT NULL, curve TEXT NOT NULL, metrics TEXT NOT NULL,"
            + " finished_at TEXT NOT NULL, seal INTEGER)");
    st.execute(
        "CREATE TABLE q_values(state_layer TEXT NOT NULL, depth INTEGER NOT NULL,"
            + " size_bin INTEGER NOT NULL, fc_run INTEGER NOT NULL, action TEXT NOT NULL,"
            + " value REAL NOT NULL, seal INTEGER,"
            + " PRIMARY KEY(state_layer, depth, size_bin, fc_run, action))");
    st.execute(
        "CREATE TABLE final_models(rank INTEGER PRIMARY KEY, architecture TEXT NOT NULL,"
            + " epochs INTEGER NOT NULL, test_accuracy REAL NOT NULL, seconds REAL NOT NULL,"
            + " training_loss TEXT NOT NULL)");
    putMeta("format", FORMAT);
    putMeta("schema_version", String.valueOf(SCHEMA_VERSION));
    putMeta("created", Instant.now().toString());
  }

  /** The tables whose rows carry a seal (see {@link Integrity#seal}). */
  private static final List<String> SEALED_TABLES =
      List.of("meta", "models", "q_values", "choice_probabilities");

  private static final String SEALS = "seals";

  /**
   * Gives the rows of a store of schema 1 or 2 seals from now on: a {@code seal} column in each
   * sealed table (rows written before stay unsealed and are read as before), and the store's schema
   * 3. A new store's rows are all sealed, which its {@code seals} entry says.
   */
  private void addSeals(Statement st, boolean created) throws SQLException {
    for (String table : SEALED_TABLES) {
      boolean has = false;
      try (ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
        while (rs.next()) {
          has |= "seal".equals(rs.getString("name"));
        }
      }
      if (!has) {
        st.execute("ALTER TABLE " + table + " ADD COLUMN seal INTEGER");
      }
    }
    sealed = true;
    Map<String, String> meta = meta();
    if (created) {
      putMeta(SEALS, "all");
    } else if (!meta.containsKey(SEALS)) {
      putMeta(SEALS, "from schema 3"); // rows of the older schema have none
      putMeta("schema_version", String.valueOf(SCHEMA_VERSION));
    }
    allSealed = "all".equals(meta().get(SEALS));
  }

  private void checkFormat(List<String> tables) throws SQLException {
    if (!tables.contains("meta")) {
      throw new StoreException(
          file
              + " is an SQLite file but not a metaqnn4j experiment store (no meta table)."
              + " Choose another file.");
    }
    Map<String, String> meta = meta();
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

  private static void closeQuietly(Connection db) {
    if (db != null) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // the original failure is reported
      }
    }
  }

  /** The file of this store. */
  public Path file() {
    return file;
  }

  /**
   * The settings the experiment was started with: a JSON object as nested maps, lists, strings,
   * numbers and booleans (stores of schema 1: their {@code config.*} strings).
   */
  public Map<String, Object> settings() {
    return Json.toMap(storedSettings());
  }

  /** The stored settings as written (numbers as they were); an empty object when there are none. */
  private JsonElement storedSettings() {
    try {
      Map<String, String> meta = meta();
      if (meta.containsKey(SETTINGS)) {
        try {
          return Json.parse(meta.get(SETTINGS));
        } catch (RuntimeException e) {
          throw Integrity.damagedRow(file, "meta", "'settings'", e.getMessage());
        }
      }
      Map<String, Object> old = new TreeMap<>(); // schema 1: config.* strings
      meta.forEach(
          (k, v) -> {
            if (k.startsWith("config.")) {
              old.put(k.substring(7), v);
            }
          });
      return Json.tree(old);
    } catch (SQLException e) {
      throw failure("read the settings", e);
    }
  }

  /**
   * The state space the experiment searched, when its settings name one (searches and imports
   * record it; stores of schema 1 do not).
   */
  public java.util.Optional<StateSpace> space() {
    JsonElement settings = storedSettings();
    JsonElement space = settings.isJsonObject() ? settings.getAsJsonObject().get("space") : null;
    if (space == null || !space.isJsonObject()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(StateSpace.fromJson(space.toString()));
    } catch (IllegalArgumentException e) {
      throw new StoreException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records the settings of a new experiment, or checks that they match the stored ones, field by
   * field.
   *
   * @param settings a JSON-like tree: maps, lists, records, strings, numbers and booleans
   * @throws StoreException naming the first setting that differs, when the store holds another
   *     search
   */
  public void useSettings(Map<String, ?> settings) {
    JsonElement now = Json.tree(settings);
    JsonElement stored;
    try {
      // read and written under the write lock: two processes starting on a new file at once
      // cannot leave one's settings with the other's models
      db.setAutoCommit(false);
      try (Statement st = db.createStatement()) {
        st.executeUpdate("UPDATE meta SET value = value WHERE key = 'format'"); // takes the lock
      }
      stored = storedSettings();
      if (stored.getAsJsonObject().size() == 0) {
        putMeta(SETTINGS, Json.write(now));
        putMeta("status", "running");
      }
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("write the settings", e);
    } finally {
      autoCommit();
    }
    if (stored.getAsJsonObject().size() == 0) {
      return;
    }
    Json.firstDifference(stored, now)
        .ifPresent(
            d -> {
              throw new StoreException(
                  file
                      + " holds another experiment; the first setting that differs is "
                      + d
                      + ". Use the stored settings to resume it, or another file for a new"
                      + " experiment.");
            });
  }

  /**
   * Records that a process starts (or resumes) the experiment, with where it runs: toolkit version
   * and commit, JVM, training backend, dataset files. {@link #ended} closes the session.
   *
   * @return the session's number
   */
  public int startSession(Map<String, ?> provenance) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO sessions(started_at, provenance) VALUES (?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, Instant.now().toString());
      ps.setString(2, Json.write(Json.tree(provenance)));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getInt(1);
      }
    } catch (SQLException e) {
      throw failure("record the session", e);
    }
  }

  /** One process's run of the experiment: when, where, and how it ended. */
  public record Session(
      int id,
      Instant started,
      Map<String, Object> provenance,
      Instant ended,
      String status,
      String reason) {}

  /** Every session so far, the first first. */
  public List<Session> sessions() {
    List<Session> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM sessions ORDER BY id")) {
      while (rs.next()) {
        String ended = rs.getString("ended_at");
        try {
          out.add(
              new Session(
                  rs.getInt("id"),
                  Instant.parse(rs.getString("started_at")),
                  Json.toMap(rs.getString("provenance")),
                  ended == null ? null : Instant.parse(ended),
                  rs.getString("status"),
                  rs.getString("reason")));
        } catch (RuntimeException e) {
          throw Integrity.damagedRow(file, "sessions", rs.getInt("id"), e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw failure("read the sessions", e);
    }
    return out;
  }

  /**
   * Records how the experiment ended in this process, and why: the status of the store and of this
   * process's session ({@code session}, as {@link #startSession} returned it).
   */
  public void ended(int session, String status, String reason) {
    try {
      db.setAutoCommit(false);
      putMeta("status", status);
      putMeta("end_reason", reason);
      try (PreparedStatement ps =
          db.prepareStatement(
              "UPDATE sessions SET ended_at = ?, status = ?, reason = ?" + " WHERE id = ?")) {
        ps.setString(1, Instant.now().toString());
        ps.setString(2, status);
        ps.setString(3, reason);
        ps.setInt(4, session);
        ps.executeUpdate();
      }
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("record the end", e);
    } finally {
      autoCommit();
    }
  }

  /** Why the experiment last ended, or empty while it runs or ended without a reason. */
  public String endReason() {
    try {
      return meta().getOrDefault("end_reason", "");
    } catch (SQLException e) {
      throw failure("read the end", e);
    }
  }

  /** Writes one iteration and, when given, the current Q values, in one transaction. */
  public void append(StoredModel m, List<QValue> qValues) {
    append(m, Instant.now(), qValues, null);
  }

  /**
   * Writes one iteration of a controller search and, when given, its controllers' choice
   * probabilities after it, in one transaction.
   */
  public void appendWithChoices(StoredModel m, Collection<ChoiceProbability> choices) {
    append(m, Instant.now(), null, choices);
  }

  /**
   * Writes one iteration that finished at {@code finishedAt} (an imported log's time) and, when
   * given, the Q values, in one transaction.
   */
  public void append(StoredModel m, Instant finishedAt, List<QValue> qValues) {
    append(m, finishedAt, qValues, null);
  }

  private void append(
      StoredModel m,
      Instant finishedAt,
      List<QValue> qValues,
      Collection<ChoiceProbability> choices) {
    try {
      db.setAutoCommit(false);
      try (PreparedStatement ps =
          db.prepareStatement("INSERT INTO models VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        String curve = Json.write(m.curve());
        String metrics = Json.write(new TreeMap<>(m.metrics()));
        ps.setInt(1, m.iteration());
        ps.setInt(2, m.model());
        ps.setString(3, m.architecture());
        ps.setDouble(4, m.epsilon());
        ps.setDouble(5, m.reward());
        ps.setInt(6, m.reused() ? 1 : 0);
        ps.setString(7, m.status());
        ps.setString(8, m.reason());
        ps.setDouble(9, m.seconds());
        ps.setString(10, curve);
        ps.setString(11, metrics);
        ps.setString(12, finishedAt.toString());
        ps.setLong(
            13,
            Integrity.seal(
                m.iteration(),
                m.model(),
                m.architecture(),
                m.epsilon(),
                m.reward(),
                m.reused() ? 1 : 0,
                m.status(),
                m.reason(),
                m.seconds(),
                curve,
                metrics,
                finishedAt.toString()));
        ps.executeUpdate();
      }
      if (qValues != null) {
        writeQValues(qValues);
      }
      if (choices != null) {
        writeChoices(m.iteration(), choices);
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
        db.prepareStatement("INSERT OR REPLACE INTO q_values VALUES (?,?,?,?,?,?,?)")) {
      for (QValue q : qValues) {
        State s = q.state();
        String layer = s.isStart() ? START : s.layer().notation();
        String action = q.action().notation();
        ps.setString(1, layer);
        ps.setInt(2, s.depth());
        ps.setInt(3, s.sizeBin());
        ps.setInt(4, s.fcRun());
        ps.setString(5, action);
        ps.setDouble(6, q.value());
        ps.setLong(7, Integrity.seal(layer, s.depth(), s.sizeBin(), s.fcRun(), action, q.value()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void writeChoices(int iteration, Collection<ChoiceProbability> choices)
      throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO choice_probabilities VALUES (?,?,?,?,?,?,?)")) {
      for (ChoiceProbability c : choices) {
        ps.setInt(1, iteration);
        ps.setInt(2, c.controller());
        ps.setInt(3, c.step());
        ps.setString(4, c.decision());
        ps.setString(5, c.option());
        ps.setDouble(6, c.probability());
        ps.setLong(
            7,
            Integrity.seal(
                iteration, c.controller(), c.step(), c.decision(), c.option(), c.probability()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * The controllers' choice probabilities of a controller search, after each iteration that changed
   * a policy, by iteration (empty for a Q-learning search).
   */
  public SortedMap<Integer, List<ChoiceProbability>> choiceProbabilities() {
    SortedMap<Integer, List<ChoiceProbability>> out = new TreeMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT iteration, controller, step, decision, option, probability, seal"
                    + " FROM choice_probabilities ORDER BY iteration, controller, step, rowid")) {
      while (rs.next()) {
        var c =
            new ChoiceProbability(
                rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getDouble(6));
        Integrity.checkSeal(
            file,
            "choice_probabilities",
            "of iteration " + rs.getInt(1),
            seal(rs, 7),
            allSealed,
            rs.getInt(1),
            c.controller(),
            c.step(),
            c.decision(),
            c.option(),
            c.probability());
        out.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(c);
      }
    } catch (SQLException e) {
      throw failure("read the choice probabilities", e);
    }
    return out;
  }

  /**
   * Writes one episode of a training controller and the agent's state after it (what a resumed run
   * starts from), in one transaction.
   */
  public void appendEpisode(StoredEpisode e, byte[] agentState) {
    try {
      db.setAutoCommit(false);
      try (PreparedStatement ps =
          db.prepareStatement("INSERT INTO episodes VALUES (?,?,?,?,?,?,?)")) {
        ps.setInt(1, e.episode());
        ps.setDouble(2, e.epsilon());
        ps.setDouble(3, e.episodeReturn());
        ps.setDouble(4, e.finalAccuracy());
        ps.setDouble(5, e.seconds());
        ps.setString(6, Json.write(e.steps()));
        ps.setString(7, Instant.now().toString());
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          db.prepareStatement("INSERT OR REPLACE INTO agent_state VALUES (0,?,?)")) {
        ps.setInt(1, e.episode());
        ps.setBytes(2, agentState);
        ps.executeUpdate();
      }
      db.commit();
    } catch (SQLException ex) {
      rollback();
      throw failure("write episode " + e.episode(), ex);
    } finally {
      autoCommit();
    }
  }

  /** Every stored episode of a training controller, in order. */
  public List<StoredEpisode> episodes() {
    List<StoredEpisode> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM episodes ORDER BY episode")) {
      while (rs.next()) {
        out.add(
            new StoredEpisode(
                rs.getInt("episode"),
                rs.getDouble("epsilon"),
                rs.getDouble("episode_return"),
                rs.getDouble("final_accuracy"),
                rs.getDouble("seconds"),
                Json.steps(rs.getString("steps"))));
      }
    } catch (SQLException e) {
      throw failure("read the episodes", e);
    }
    return out;
  }

  /** The agent's state after the last stored episode, if there is one. */
  public java.util.Optional<byte[]> agentState() {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT state FROM agent_state WHERE id = 0")) {
      return rs.next() ? java.util.Optional.of(rs.getBytes(1)) : java.util.Optional.empty();
    } catch (SQLException e) {
      throw failure("read the agent's state", e);
    }
  }

  /** Replaces the stored Q values with {@code qValues} (an imported table), in one transaction. */
  public void replaceQValues(List<QValue> qValues) {
    try {
      db.setAutoCommit(false);
      try (Statement st = db.createStatement()) {
        st.execute("DELETE FROM q_values");
      }
      writeQValues(qValues);
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("write the Q values", e);
    } finally {
      autoCommit();
    }
  }

  /** Every stored iteration, in order. */
  public List<StoredModel> models() {
    List<StoredModel> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM models ORDER BY iteration")) {
      while (rs.next()) {
        int iteration = rs.getInt("iteration");
        Integrity.checkSeal(
            file,
            "models",
            "of iteration " + iteration,
            seal(rs, "seal"),
            allSealed,
            iteration,
            rs.getInt("model"),
            rs.getString("architecture"),
            rs.getDouble("epsilon"),
            rs.getDouble("reward"),
            rs.getInt("reused"),
            rs.getString("status"),
            rs.getString("reason"),
            rs.getDouble("seconds"),
            rs.getString("curve"),
            rs.getString("metrics"),
            rs.getString("finished_at"));
        try {
          out.add(
              new StoredModel(
                  iteration,
                  rs.getInt("model"),
                  rs.getString("architecture"),
                  rs.getDouble("epsilon"),
                  rs.getDouble("reward"),
                  rs.getInt("reused") == 1,
                  rs.getString("status"),
                  rs.getString("reason"),
                  rs.getDouble("seconds"),
                  Json.curve(rs.getString("curve")),
                  Json.metrics(rs.getString("metrics"))));
        } catch (RuntimeException e) {
          throw Integrity.damagedRow(file, "models", "of iteration " + iteration, e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw failure("read the models", e);
    }
    return out;
  }

  /** The latest stored Q values, ordered by depth, state and action. */
  public List<QValue> qValues() {
    List<QValue> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT state_layer, depth, size_bin, fc_run, action, value, seal FROM q_values"
                    + " ORDER BY depth, state_layer, size_bin, fc_run, action")) {
      while (rs.next()) {
        String layer = rs.getString(1);
        String row = "of " + Echo.of(layer) + " -> " + Echo.of(rs.getString(5));
        Integrity.checkSeal(
            file,
            "q_values",
            row,
            seal(rs, 7),
            allSealed,
            layer,
            rs.getInt(2),
            rs.getInt(3),
            rs.getInt(4),
            rs.getString(5),
            rs.getDouble(6));
        try {
          State state =
              new State(
                  START.equals(layer) ? null : Layer.parse(layer),
                  rs.getInt(2),
                  rs.getInt(3),
                  rs.getInt(4));
          out.add(new QValue(state, Layer.parse(rs.getString(5)), rs.getDouble(6)));
        } catch (RuntimeException e) {
          throw Integrity.damagedRow(file, "q_values", row, e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw failure("read the Q values", e);
    }
    return out;
  }

  /** When each stored iteration finished, by iteration. */
  public Map<Integer, Instant> finishTimes() {
    Map<Integer, Instant> out = new TreeMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT iteration, finished_at FROM models")) {
      while (rs.next()) {
        try {
          out.put(rs.getInt(1), Instant.parse(rs.getString(2)));
        } catch (RuntimeException e) {
          throw Integrity.damagedRow(
              file, "models", "of iteration " + rs.getInt(1), e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw failure("read the finish times", e);
    }
    return out;
  }

  /**
   * Records the finished best models (re-trained, tested) and their ensemble's test accuracy,
   * replacing earlier ones, in one transaction.
   */
  public void saveFinals(FinalModels finals) {
    try {
      db.setAutoCommit(false);
      try (Statement st = db.createStatement()) {
        st.execute("DELETE FROM final_models");
      }
      try (PreparedStatement ps =
          db.prepareStatement("INSERT INTO final_models VALUES (?,?,?,?,?,?)")) {
        int rank = 1;
        for (FinalModels.Model m : finals.models()) {
          ps.setInt(1, rank++);
          ps.setString(2, m.architecture());
          ps.setInt(3, m.trainingLoss().size());
          ps.setDouble(4, m.testAccuracy());
          ps.setDouble(5, m.seconds());
          ps.setString(6, Json.write(m.trainingLoss()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      putMeta("final.ensemble_test_accuracy", Double.toString(finals.ensembleTestAccuracy()));
      putMeta("final.settings", finals.settings());
      db.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("write the finished models", e);
    } finally {
      autoCommit();
    }
  }

  /** The finished best models, if {@link #saveFinals} recorded any. */
  public java.util.Optional<FinalModels> finals() {
    try {
      Map<String, String> meta = meta();
      String ensemble = meta.get("final.ensemble_test_accuracy");
      if (ensemble == null) {
        return java.util.Optional.empty();
      }
      List<FinalModels.Model> models = new ArrayList<>();
      try (Statement st = db.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT architecture, test_accuracy, seconds, training_loss FROM final_models"
                      + " ORDER BY rank")) {
        while (rs.next()) {
          models.add(
              new FinalModels.Model(
                  rs.getString(1), rs.getDouble(2), rs.getDouble(3), Json.curve(rs.getString(4))));
        }
      }
      return java.util.Optional.of(
          new FinalModels(
              models, Double.parseDouble(ensemble), meta.getOrDefault("final.settings", "")));
    } catch (SQLException e) {
      throw failure("read the finished models", e);
    }
  }

  /** Records how the experiment ended (or that it is running). */
  public void setStatus(String status) {
    try {
      putMeta("status", status);
    } catch (SQLException e) {
      throw failure("write the status", e);
    }
  }

  /** The experiment's status: running, COMPLETED, EXHAUSTED, INTERRUPTED, FAILED or IMPORTED. */
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

  /**
   * The store's own entries (format, schema, settings, status, ...), their seals checked once the
   * table has them: the {@code seals} entry itself decides whether a missing seal is damage.
   */
  private Map<String, String> meta() throws SQLException {
    Map<String, String> meta = new LinkedHashMap<>();
    Map<String, Long> seals = new LinkedHashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                sealed ? "SELECT key, value, seal FROM meta" : "SELECT key, value FROM meta")) {
      while (rs.next()) {
        meta.put(rs.getString(1), rs.getString(2));
        seals.put(rs.getString(1), sealed ? seal(rs, 3) : null);
      }
    }
    if (sealed) {
      boolean required = "all".equals(meta.get(SEALS));
      meta.forEach(
          (k, v) ->
              Integrity.checkSeal(
                  file, "meta", "'" + Echo.of(k) + "'", seals.get(k), required, k, v));
    }
    return meta;
  }

  private void putMeta(String key, String value) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?, ?)")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.setLong(3, Integrity.seal(key, value));
      ps.executeUpdate();
    }
  }

  /** The seal column {@code column} of the current row, or null where it has none. */
  private static Long seal(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Long seal(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
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
    if (Integrity.isDamage(e)) {
      return Integrity.damaged(file, "SQLite, trying to " + what + ": " + e.getMessage(), e);
    }
    return new StoreException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
  }
}
