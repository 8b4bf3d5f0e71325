package io.github.metaqnn4j.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The check an existing store passes before it is used: SQLite's {@code quick_check}, which reads
 * every page and verifies the b-trees' structure and records (not the indexes' contents), so that a
 * store whose pages were damaged is refused with what was found rather than resumed or reported.
 */
final class Integrity {
  private static final int MOST_FINDINGS = 3;
  private static final int MOST_CHARS = 300;

  private Integrity() {}

  /**
   * @throws StoreException naming the file, the first findings and what the user can do
   */
  static void check(Connection db, Path file) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA quick_check(" + MOST_FINDINGS + ")")) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    if (!(found.size() == 1 && "ok".equals(found.get(0)))) {
      throw damaged(file, String.join("; ", found), null);
    }
  }

  /** Whether SQLite answered that the file's pages are damaged or it is not a database. */
  static boolean isDamage(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("SQLITE_CORRUPT") || m.contains("malformed");
  }

  static StoreException damaged(Path file, String findings, Throwable cause) {
    String shown =
        findings.length() > MOST_CHARS ? findings.substring(0, MOST_CHARS) + " ..." : findings;
    return new StoreException(
        file
            + " is damaged (SQLite's integrity check: "
            + shown
            + "). It cannot be trusted for a resume or a report: restore a copy made before the"
            + " damage, or recover what can still be read with `sqlite3 "
            + file
            + " .recover | sqlite3 recovered.db` and check that copy.",
        cause);
  }
}
