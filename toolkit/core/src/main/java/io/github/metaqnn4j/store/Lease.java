package io.github.metaqnn4j.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A named hold on an experiment store, kept by one process at a time: a row of the {@code leases}
 * table with who holds it (host, process, since when) and a heartbeat the holder renews every third
 * of the expiry on a connection of its own. Another process asking for the same name is refused at
 * once with those facts, until the holder lets go ({@link #close}) or its heartbeat is older than
 * the expiry; a hold whose process is gone from this host (killed with {@code kill -9}) is taken
 * over at once. A search holds {@value #SEARCH}; workers of several machines hold their own names.
 *
 * <pre>{@code
 * try (Lease hold = Lease.take(Path.of("runs/demo.db"), Lease.SEARCH, Lease.DEFAULT_EXPIRY)) {
 *   hold.check();   // before each write: still ours?
 * }
 * }</pre>
 */
public final class Lease implements AutoCloseable {
  /** The name a search holds while it runs. */
  public static final String SEARCH = "search";

  /** How long a hold lasts without a heartbeat. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(30);

  /** Who holds a lease, as stored. */
  public record Holder(String host, long pid, Instant since, Instant heartbeat) {
    /** A sentence for an error: process 1234 on host x since ..., last heartbeat 2 s ago. */
    public String describe(Instant now) {
      return "process "
          + pid
          + " on "
          + host
          + " since "
          + since
          + " (last heartbeat "
          + Math.max(0, Duration.between(heartbeat, now).toSeconds())
          + " s ago)";
    }
  }

  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();

  private final Path file;
  private final String name;
  private final String holder = UUID.randomUUID().toString();
  private final Connection db;
  private final ScheduledExecutorService beat;
  private volatile boolean lost;

  private Lease(Path file, String name, Connection db) {
    this.file = file;
    this.name = name;
    this.db = db;
    this.beat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "metaqnn4j-lease-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  private Lease start(Duration expiry) {
    long every = Math.max(1, expiry.toMillis() / 3);
    beat.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Takes the lease {@code name} on the store in {@code file}.
   *
   * @throws StoreException naming the holder, when another live process holds it
   */
  public static Lease take(Path file, String name, Duration expiry) {
    Connection db = null;
    try {
      db = connect(file);
      Instant now = Instant.now();
      try (Statement st = db.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        boolean done = false;
        try {
          createTable(st);
          Optional<Holder> held = read(db, file, name);
          if (held.isPresent() && alive(held.get(), now, expiry)) {
            throw new StoreException(
                file
                    + " is in use by another search: "
                    + held.get().describe(now)
                    + ". Wait until it ends or stop it; a hold whose process died expires "
                    + expiry.toSeconds()
                    + " s after its last heartbeat.");
          }
          Lease lease = new Lease(file, name, db);
          try (PreparedStatement ps =
              db.prepareStatement(
                  "INSERT INTO leases(name, holder, host, pid, since, heartbeat)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET"
                      + " holder = excluded.holder, host = excluded.host, pid = excluded.pid,"
                      + " since = excluded.since, heartbeat = excluded.heartbeat")) {
            ps.setString(1, name);
            ps.setString(2, lease.holder);
            ps.setString(3, HOST);
            ps.setLong(4, PID);
            ps.setString(5, now.toString());
            ps.setString(6, now.toString());
            ps.executeUpdate();
          }
          st.execute("COMMIT");
          done = true;
          return lease.start(expiry);
        } finally {
          if (!done) {
            try {
              st.execute("ROLLBACK");
            } catch (SQLException ignored) {
              // no transaction left: the failure that ended it is reported
            }
          }
        }
      }
    } catch (SQLException e) {
      close(db);
      throw new StoreException("cannot take the hold on " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(db);
      throw e;
    }
  }

  /**
   * Who holds {@code name} on {@code file} now, if a live process does; empty for a file that is
   * not there or was never held. Reads only.
   */
  public static Optional<Holder> holder(Path file, String name, Duration expiry) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (Connection db = connect(file);
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT 1 FROM sqlite_master WHERE type='table' AND name='leases'")) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Instant now = Instant.now();
      return read(db, file, name).filter(h -> alive(h, now, expiry));
    } catch (SQLException e) {
      return Optional.empty(); // opening the store reports what is wrong with the file
    }
  }

  /**
   * @throws StoreException when another process took this lease over (its heartbeat stopped for
   *     longer than the expiry): this process must stop writing
   */
  public void check() {
    if (lost) {
      throw new StoreException(
          file + ": another process took over this search's hold; this process stops writing.");
    }
  }

  /** Stops the heartbeat and lets the lease go. */
  @Override
  public void close() {
    beat.shutdownNow();
    try {
      beat.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (PreparedStatement ps =
        db.prepareStatement("DELETE FROM leases WHERE name = ? AND holder = ?")) {
      ps.setString(1, name);
      ps.setString(2, holder);
      ps.executeUpdate();
    } catch (SQLException e) {
      // the hold then expires by itself
    } finally {
      close(db);
    }
  }

  /** For tests: stops the heartbeat without letting go, as a killed process does. */
  void abandon() {
    beat.shutdownNow();
    close(db);
  }

  private void heartbeat() {
    try (PreparedStatement ps =
        db.prepareStatement("UPDATE leases SET heartbeat = ? WHERE name = ? AND holder = ?")) {
      ps.setString(1, Instant.now().toString());
      ps.setString(2, name);
      ps.setString(3, holder);
      if (ps.executeUpdate() == 0) {
        lost = true;
        beat.shutdown();
      }
    } catch (SQLException e) {
      // busy or briefly unwritable: the next beat tries again
    }
  }

  static void createTable(Statement st) throws SQLException {
    st.execute(
        "CREATE TABLE IF NOT EXISTS leases(name TEXT PRIMARY KEY, holder TEXT NOT NULL,"
            + " host TEXT NOT NULL, pid INTEGER NOT NULL, since TEXT NOT NULL,"
            + " heartbeat TEXT NOT NULL)");
  }

  private static Optional<Holder> read(Connection db, Path file, String name) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("SELECT host, pid, since, heartbeat FROM leases WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        try {
          return Optional.of(
              new Holder(
                  rs.getString(1),
                  rs.getLong(2),
                  Instant.parse(rs.getString(3)),
                  Instant.parse(rs.getString(4))));
        } catch (RuntimeException e) {
          throw Integrity.damagedRow(file, "leases", "'" + name + "'", e.getMessage());
        }
      }
    }
  }

  /** Whether a hold still counts: its heartbeat is recent and, on this host, its process lives. */
  private static boolean alive(Holder h, Instant now, Duration expiry) {
    if (h.heartbeat().plus(expiry).isBefore(now)) {
      return false;
    }
    return !h.host().equals(HOST)
        || ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  private static Connection connect(Path file) throws SQLException {
    Connection db = DriverManager.getConnection(ExperimentStore.jdbcUrl(file));
    try (Statement st = db.createStatement()) {
      st.execute("PRAGMA busy_timeout = 10000");
    }
    return db;
  }

  private static void close(Connection db) {
    if (db != null) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // nothing more to do
      }
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
