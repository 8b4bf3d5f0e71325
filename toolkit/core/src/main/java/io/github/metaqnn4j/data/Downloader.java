package io.github.metaqnn4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Finds a dataset file locally or downloads it into the cache, with a progress bar, checking size
 * and checksum. A download goes to a {@code .part} file that is checked and then renamed, so an
 * interrupted or damaged download never looks like a good file.
 *
 * <pre>{@code
 * Path p = Downloader.ensure(remoteFile, Path.of("data/cache"), List.of());
 * }</pre>
 */
public final class Downloader {
  private static final int DEFAULT_TIMEOUT_MS = 60_000;

  private Downloader() {}

  /**
   * The checked file: from one of {@code localDirs}, else from {@code cacheDir}, else downloaded
   * into {@code cacheDir}.
   *
   * @throws DataFormatException when a file fails its check (naming the file and the fix)
   * @throws UncheckedIOException when the download fails
   */
  public static Path ensure(RemoteFile remote, Path cacheDir, List<Path> localDirs) {
    for (Path dir : localDirs) {
      Path local = dir.resolve(remote.fileName());
      if (Files.isRegularFile(local)) {
        // no marker next to files we do not own (e.g. a Debian package's): check every time
        remote.check().verify(local, "Reinstall the package that provides it, or remove it");
        return local;
      }
    }
    Path cached = cacheDir.resolve(remote.fileName());
    if (Files.isRegularFile(cached)) {
      checkOnce(remote, cached, "Delete " + cached + " so that it is downloaded again");
      return cached;
    }
    return download(remote, cached);
  }

  private static Path download(RemoteFile remote, Path target) {
    return download(remote, target, DEFAULT_TIMEOUT_MS);
  }

  /** Downloads with connect and read timeouts (a stalled transfer fails instead of hanging). */
  static Path download(RemoteFile remote, Path target, int timeoutMillis) {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.createDirectories(target.getParent());
      HttpURLConnection http = (HttpURLConnection) remote.uri().toURL().openConnection();
      http.setConnectTimeout(timeoutMillis);
      http.setReadTimeout(timeoutMillis);
      http.setInstanceFollowRedirects(true);
      int status = http.getResponseCode();
      if (status != 200) {
        http.disconnect();
        throw new IOException("HTTP " + status + " for " + remote.uri());
      }
      long length = http.getContentLengthLong();
      long max = remote.maxDownloadBytes();
      if (length > max) {
        http.disconnect();
        throw new IOException(
            "the server announces " + length + " bytes, more than the expected " + max);
      }
      try (InputStream in = http.getInputStream();
          OutputStream out = Files.newOutputStream(part);
          ProgressBar bar =
              new ProgressBarBuilder()
                  .setTaskName("Downloading " + remote.fileName())
                  .setInitialMax(length)
                  .setStyle(ProgressBarStyle.ASCII)
                  .setUnit(" MiB", 1 << 20)
                  .showSpeed()
                  .build()) {
        byte[] buf = new byte[1 << 16];
        long got = 0;
        for (int r; (r = in.read(buf)) > 0; ) {
          if (got + r > max) {
            throw new IOException(
                "the server sent more than the expected " + max + " bytes; stopped there");
          }
          out.write(buf, 0, r);
          got += r;
          bar.stepBy(r);
        }
        if (length >= 0 && got != length) {
          throw new IOException("the connection closed after " + got + " of " + length + " bytes");
        }
      }
      remote
          .check()
          .verify(part, "The download from " + remote.uri() + " is damaged; try again later");
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
      markChecked(target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot download "
              + remote.uri()
              + " to "
              + target
              + ": "
              + e.getMessage()
              + ". Check the network, or put the file there by hand.",
          e);
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // best effort: the next download overwrites it
      }
    }
  }

  /** Verifies a file unless a marker shows it was verified with the same size and time. */
  private static void checkOnce(RemoteFile remote, Path file, String fix) {
    Path marker = markerOf(file);
    try {
      String stamp = stamp(file);
      if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp)) {
        return;
      }
      remote.check().verify(file, fix);
      Files.writeString(marker, stamp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + file + ": " + e.getMessage(), e);
    }
  }

  private static void markChecked(Path file) throws IOException {
    Files.writeString(markerOf(file), stamp(file));
  }

  private static Path markerOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".checked");
  }

  private static String stamp(Path file) throws IOException {
    return Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
  }
}
