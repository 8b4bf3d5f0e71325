package io.github.metaqnn4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * What a dataset file must be: its size and checksum, either of the file itself or, for gzipped IDX
 * files, of the decompressed content (so that a recompressed copy, such as Debian's, passes).
 *
 * <pre>{@code
 * new FileCheck(47_040_016, "SHA-256", "c59f46...", true).verify(path);
 * }</pre>
 *
 * @param size bytes of the file, or of its decompressed content
 * @param algorithm a {@link MessageDigest} algorithm: SHA-256, or MD5 where the publisher gives
 *     only that
 * @param hex the expected digest in hexadecimal
 * @param gunzipped whether size and digest are of the gunzipped content
 */
public record FileCheck(long size, String algorithm, String hex, boolean gunzipped) {

  /** Checks the file; throws naming the file, what differs and how to fix it. */
  public void verify(Path file, String fix) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gunzipped ? new GZIPInputStream(raw, 1 << 16) : raw) {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      long n = 0;
      byte[] buf = new byte[1 << 16];
      try (DigestInputStream d = new DigestInputStream(in, digest)) {
        for (int r; (r = d.read(buf)) > 0; ) {
          n += r;
        }
      }
      String what = gunzipped ? "decompressed content" : "file";
      if (n != size) {
        throw new DataFormatException(
            file,
            what + " has " + n + " bytes, expected " + size + " (truncated or wrong file)",
            fix);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equalsIgnoreCase(hex)) {
        throw new DataFormatException(
            file, what + " " + algorithm + " is " + actual + ", expected " + hex, fix);
      }
    } catch (IOException e) {
      throw new DataFormatException(file, "cannot be read (" + e.getMessage() + ")", fix, e);
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException("no digest " + algorithm, e));
    }
  }

  /**
   * The SHA-256 of each file, by absolute path, for provenance.
   *
   * @throws DataFormatException when a file cannot be read
   */
  public static Map<String, String> sha256(List<Path> files) {
    Map<String, String> out = new TreeMap<>();
    byte[] buf = new byte[1 << 16];
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int r; (r = in.read(buf)) > 0; ) {
          digest.update(buf, 0, r);
        }
        out.put(file.toAbsolutePath().toString(), HexFormat.of().formatHex(digest.digest()));
      } catch (IOException e) {
        throw new DataFormatException(file, "cannot be read (" + e.getMessage() + ")", "", e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM has no SHA-256", e);
      }
    }
    return out;
  }
}
