package io.github.metaqnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on the loopback address only. */
class DownloaderTest {
  @TempDir Path cache;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final byte[] payload = new byte[300_000];

  @BeforeEach
  void start() throws IOException {
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 7);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/files/data.bin",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, payload.length);
          try (var out = exchange.getResponseBody()) {
            out.write(payload);
          } catch (IOException ignored) {
            // the client sees a short body
          }
          exchange.close();
        });
    server.createContext(
        "/files/endless",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, 0); // chunked: no length announced
          try (var out = exchange.getResponseBody()) {
            for (int i = 0; i < 40; i++) { // 12 MB at most, then the server stops by itself
              out.write(payload);
            }
          } catch (IOException ignored) {
            // the client stopped reading
          }
          exchange.close();
        });
    server.createContext(
        "/files/announced",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, 10L * payload.length);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private FileCheck goodCheck() throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    return new FileCheck(payload.length, "SHA-256", sha, false);
  }

  @Test
  void aDownloadStopsAtItsExpectedSize() throws Exception {
    RemoteFile endless = new RemoteFile("data.bin", uri("/files/endless"), goodCheck());
    var e =
        assertThrows(
            UncheckedIOException.class, () -> Downloader.ensure(endless, cache, List.of()));
    assertTrue(
        e.getMessage().contains("the server sent more than the expected 300000 bytes"),
        e.getMessage());
    assertFalse(Files.exists(cache.resolve("data.bin")));
    assertFalse(Files.exists(cache.resolve("data.bin.part")));

    RemoteFile announced = new RemoteFile("data.bin", uri("/files/announced"), goodCheck());
    e =
        assertThrows(
            UncheckedIOException.class, () -> Downloader.ensure(announced, cache, List.of()));
    assertTrue(
        e.getMessage().contains("announces 3000000 bytes, more than the expected 300000"),
        e.getMessage());
  }

  @Test
  void theBuiltInDatasetsAreFetchedOverHttps() {
    assertEquals(12, Datasets.builtInFiles().size());
    for (RemoteFile f : Datasets.builtInFiles()) {
      assertEquals("https", f.uri().getScheme(), f.uri().toString());
    }
  }

  @Test
  void downloadsChecksAndCachesOnce() throws Exception {
    RemoteFile f = new RemoteFile("data.bin", uri("/files/data.bin"), goodCheck());
    Path p = Downloader.ensure(f, cache, List.of());
    assertEquals(cache.resolve("data.bin"), p);
    assertArrayEquals(payload, Files.readAllBytes(p));
    assertEquals(p, Downloader.ensure(f, cache, List.of()));
    assertEquals(1, requests.get());
    assertFalse(Files.exists(cache.resolve("data.bin.part")));
  }

  @Test
  void checksumMismatchLeavesNothingBehind() {
    RemoteFile f =
        new RemoteFile(
            "data.bin",
            uri("/files/data.bin"),
            new FileCheck(payload.length, "SHA-256", "00", false));
    var e = assertThrows(DataFormatException.class, () -> Downloader.ensure(f, cache, List.of()));
    assertTrue(e.getMessage().contains("SHA-256 is "), e.getMessage());
    assertTrue(e.getMessage().contains("is damaged; try again later"), e.getMessage());
    assertFalse(Files.exists(cache.resolve("data.bin")));
    assertFalse(Files.exists(cache.resolve("data.bin.part")));
  }

  @Test
  void truncatedDownloadLeavesNothingBehind() throws Exception {
    // a raw server that promises 300,000 bytes, sends 1,000 and closes the connection
    try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = raw.accept()) {
                  s.getInputStream().read(new byte[4096]);
                  var out = s.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Length: " + payload.length + "\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  out.write(payload, 0, 1000);
                  out.flush();
                } catch (IOException ignored) {
                  // the test checks the client's side
                }
              });
      t.start();
      URI u = URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/data.bin");
      RemoteFile f = new RemoteFile("data.bin", u, goodCheck());
      var e =
          assertThrows(
              UncheckedIOException.class,
              () -> Downloader.download(f, cache.resolve("data.bin"), 5_000));
      assertTrue(e.getMessage().contains("closed after 1000 of 300000 bytes"), e.getMessage());
      t.join();
    }
    assertFalse(Files.exists(cache.resolve("data.bin")));
    assertFalse(Files.exists(cache.resolve("data.bin.part")));
  }

  @Test
  void missingFileNamesTheAddress() throws Exception {
    RemoteFile f = new RemoteFile("data.bin", uri("/files/nothing.bin"), goodCheck());
    var e = assertThrows(UncheckedIOException.class, () -> Downloader.ensure(f, cache, List.of()));
    assertTrue(
        e.getMessage().contains("HTTP 404 for " + uri("/files/nothing.bin")), e.getMessage());
    assertTrue(e.getMessage().contains("put the file there by hand"), e.getMessage());
  }

  @Test
  void damagedCachedFileIsNamedWithTheFix() throws Exception {
    Files.write(cache.resolve("data.bin"), new byte[] {1, 2, 3});
    RemoteFile f = new RemoteFile("data.bin", uri("/files/data.bin"), goodCheck());
    var e = assertThrows(DataFormatException.class, () -> Downloader.ensure(f, cache, List.of()));
    assertEquals(cache.resolve("data.bin"), e.file());
    assertTrue(e.getMessage().contains("has 3 bytes, expected 300000"), e.getMessage());
    assertTrue(e.getMessage().contains("Delete " + cache.resolve("data.bin")), e.getMessage());
    assertEquals(0, requests.get());
  }

  @Test
  void localDirectoriesComeFirst(@TempDir Path local) throws Exception {
    Files.write(local.resolve("data.bin"), payload);
    RemoteFile f = new RemoteFile("data.bin", uri("/files/data.bin"), goodCheck());
    assertEquals(local.resolve("data.bin"), Downloader.ensure(f, cache, List.of(local)));
    assertEquals(0, requests.get());
  }
}
