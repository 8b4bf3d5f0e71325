package io.github.metaqnn4j.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseTest {
  @TempDir Path dir;

  private Path store() {
    Path f = dir.resolve("held.db");
    ExperimentStore.open(f).close();
    return f;
  }

  @Test
  void aSecondHolderIsRefusedWithWhoHoldsTheStore() {
    Path f = store();
    try (Lease first = Lease.take(f, Lease.SEARCH, Duration.ofSeconds(30))) {
      var e =
          assertThrows(
              StoreException.class, () -> Lease.take(f, Lease.SEARCH, Duration.ofSeconds(30)));
      assertTrue(e.getMessage().contains("is in use by another search"), e.getMessage());
      assertTrue(
          e.getMessage().contains("process " + ProcessHandle.current().pid() + " on "),
          e.getMessage());
      assertTrue(Lease.holder(f, Lease.SEARCH, Duration.ofSeconds(30)).isPresent());
      first.check();
    }
    assertTrue(Lease.holder(f, Lease.SEARCH, Duration.ofSeconds(30)).isEmpty(), "let go");
    Lease.take(f, Lease.SEARCH, Duration.ofSeconds(30)).close();
  }

  @Test
  void theHeartbeatKeepsAHoldPastItsExpiry() throws Exception {
    Path f = store();
    try (Lease first = Lease.take(f, Lease.SEARCH, Duration.ofMillis(300))) {
      Thread.sleep(900);
      assertThrows(StoreException.class, () -> Lease.take(f, Lease.SEARCH, Duration.ofMillis(300)));
    }
  }

  @Test
  void aHoldWithoutHeartbeatIsTakenOverAfterItsExpiryAndTheLoserStopsWriting() throws Exception {
    Path f = store();
    Lease dead = Lease.take(f, Lease.SEARCH, Duration.ofMillis(300));
    Lease alive = Lease.take(f, "worker-1", Duration.ofMillis(300));
    dead.abandon(); // as after kill -9 of a process on another machine: no heartbeat, no release
    assertThrows(StoreException.class, () -> Lease.take(f, Lease.SEARCH, Duration.ofMillis(300)));
    Thread.sleep(500);
    try (Lease next = Lease.take(f, Lease.SEARCH, Duration.ofMillis(300))) {
      next.check();
      assertTrue(Lease.holder(f, "worker-1", Duration.ofMillis(300)).isPresent());
    }
    alive.close();
  }

  @Test
  void aHoldWhoseProcessIsGoneFromThisHostIsTakenOverAtOnce() throws Exception {
    Path f = store();
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    try (Lease mine = Lease.take(f, Lease.SEARCH, Duration.ofSeconds(30))) {
      // rewrite the holder as the finished process, heartbeat now: as a kill -9 a moment ago
      try (var db = DriverManager.getConnection(ExperimentStore.jdbcUrl(f));
          var ps = db.prepareStatement("UPDATE leases SET pid = ?, heartbeat = ?")) {
        ps.setLong(1, p.pid());
        ps.setString(2, Instant.now().toString());
        assertEquals(1, ps.executeUpdate());
      }
      try (Lease taken = Lease.take(f, Lease.SEARCH, Duration.ofSeconds(30))) {
        taken.check();
      }
    }
  }

  @Test
  void aHolderWhoseHoldWasTakenOverLearnsItAtItsNextWrite() throws Exception {
    Path f = store();
    Lease slow = Lease.take(f, Lease.SEARCH, Duration.ofMillis(300));
    // another process's takeover: the row now names another holder
    try (var db = DriverManager.getConnection(ExperimentStore.jdbcUrl(f));
        var st = db.createStatement()) {
      st.executeUpdate("UPDATE leases SET holder = 'someone-else'");
    }
    Thread.sleep(400); // at least one heartbeat
    var e = assertThrows(StoreException.class, slow::check);
    assertTrue(e.getMessage().contains("took over"), e.getMessage());
    slow.close();
  }
}
