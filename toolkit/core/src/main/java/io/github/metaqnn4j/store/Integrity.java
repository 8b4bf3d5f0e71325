package io.github.metaqnn4j.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks an existing store passes before it is used, so that a store whose pages were damaged
 * is refused with what was found rather than resumed or reported: SQLite's {@code integrity_check}
 * on open (every page, the b-trees' structure and records, and that each index matches its table; 8
 * to 16 ms on a store of 2,700 models), and a seal per row, checked as rows are read, for the
 * values inside sound pages that SQLite does not check.
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
        ResultSet rs = st.executeQuery("PRAGMA integrity_check(" + MOST_FINDINGS + ")")) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    if (!(found.size() == 1 && "ok".equals(found.get(0)))) {
      throw damaged(file, "SQLite's integrity check: " + String.join("; ", found), null);
    }
  }

  /** Whether SQLite answered that the file's pages are damaged or it is not a database. */
  static boolean isDamage(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("SQLITE_CORRUPT") || m.contains("malformed");
  }

  /**
   * The seal of a row: a CRC-32C of its values as the store reads them back, kept in the row's
   * {@code seal} column. SQLite checks its pages' structure, not the values in them; a byte flipped
   * inside a number or a string leaves a sound page with a wrong value, which the seal finds.
   */
  static long seal(Object... values) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    for (Object v : values) {
      String text = v == null ? "\u0000" : v.toString(); // Double.toString: exact, read back alike
      crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      crc.update(0x1f);
    }
    return crc.getValue();
  }

  /**
   * Checks a row's seal: {@code stored} is the seal column (null in rows written before schema 3,
   * accepted unless {@code required}).
   *
   * @throws StoreException naming the table and the row when the seal is missing or wrong
   */
  static void checkSeal(
      Path file, String table, Object row, Long stored, boolean required, Object... values) {
    if (stored == null ? required : stored != seal(values)) {
      throw damagedRow(
          file, table, row, stored == null ? "its seal is missing" : "its seal differs");
    }
  }

  /** A row whose values cannot be trusted: {@code why} in words. */
  static StoreException damagedRow(Path file, String table, Object row, String why) {
    return damaged(file, "the row " + row + " of " + table + ": " + why, null);
  }

  static StoreException damaged(Path file, String findings, Throwable cause) {
    String shown = io.github.metaqnn4j.space.Echo.of(String.valueOf(findings), MOST_CHARS);
    return new StoreException(
        file
            + " is damaged ("
            + shown
            + "). It cannot be trusted for a resume or a report: restore a copy made before the"
            + " damage, or recover what can still be read with `sqlite3 "
            + file
            + " .recover | sqlite3 recovered.db` and check that copy.",
        cause);
  }
}
