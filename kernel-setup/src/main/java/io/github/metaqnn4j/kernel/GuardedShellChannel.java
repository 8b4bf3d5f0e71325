package io.github.metaqnn4j.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that survives bad input. JJava's channel reads messages on a thread
 * that ends at the first exception, so one message with a wrong HMAC signature (which it rightly
 * refuses) would leave the kernel deaf; this one drops such a message, logs it and goes on. It also
 * waits on the socket rather than sleeping between polls, so replies leave at once, and it checks
 * signatures in constant time ({@link MessageDigest#isEqual}), where JJava compares strings.
 */
final class GuardedShellChannel extends ShellChannel {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedShellChannel.class);
  private static final int POLL_MILLIS = 100;
  private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private static final Gson GSON = jjavaGson();
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();

  private final boolean control;
  private final JupyterConnection connection;
  private volatile boolean running;
  private Thread thread;

  GuardedShellChannel(
      ZMQ.Context context, HMACGenerator hmac, boolean control, JupyterConnection connection) {
    super(context, hmac, control, connection);
    this.control = control;
    this.connection = connection;
  }

  @Override
  public void bind(KernelConnectionProperties p) {
    String address =
        formatAddress(p.getTransport(), p.getIp(), control ? p.getControlPort() : p.getShellPort());
    super.bind(address);
    ZMQ.Poller poller = ctx.poller(1);
    poller.register(this, ZMQ.Poller.POLLIN);
    running = true;
    thread =
        new Thread(
            () -> {
              while (running) {
                if (poller.poll(POLL_MILLIS) > 0 && running) {
                  handleOne();
                }
              }
            },
            control ? "kernel-control" : "kernel-shell");
    thread.start();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void handleOne() {
    Message<?> message;
    try {
      message = readMessage();
    } catch (SecurityException e) {
      LOG.warn("dropped a {} message whose HMAC signature does not verify", channel());
      return;
    } catch (RuntimeException e) {
      LOG.warn("dropped an unreadable {} message: {}", channel(), e.toString());
      return;
    }
    if (message == null) {
      return;
    }
    ShellHandler handler = connection.getHandler(message.getHeader().getType());
    if (handler == null) {
      LOG.warn("no handler for {} on the {} channel", message.getHeader().getType(), channel());
      return;
    }
    ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
    try {
      handler.handle(env, message);
    } catch (RuntimeException | Error e) {
      LOG.warn("failed to handle {}: {}", message.getHeader().getType(), e.toString());
    } finally {
      env.resolveDeferrals();
    }
    if (env.isMarkedForShutdown()) {
      connection.close();
    }
  }

  /**
   * Reads one message as JJava does (identities, delimiter, signature, header, parent header,
   * metadata, content, buffers), but verifies its signature in constant time.
   *
   * @throws SecurityException when the signature does not verify
   */
  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public synchronized Message<?> readMessage() {
    if (closed) {
      return null;
    }
    List<byte[]> identities = new ArrayList<>();
    byte[] frame = recv();
    while (!Arrays.equals(frame, DELIMITER)) {
      identities.add(frame);
      frame = recv();
    }
    byte[] signature = recv();
    byte[] header = recv();
    byte[] parent = recv();
    byte[] metadata = recv();
    byte[] content = recv();
    List<byte[]> blobs = new ArrayList<>();
    while (hasReceiveMore()) {
      blobs.add(recv());
    }
    String expected = hmacGenerator.calculateSignature(header, parent, metadata, content);
    if (expected != null && !signatureMatches(expected, signature)) {
      throw new SecurityException("Message received had invalid signature");
    }
    Header<?> h = GSON.fromJson(utf8(header), Header.class);
    JsonElement p = JsonParser.parseString(utf8(parent));
    Header<?> parentHeader =
        p.isJsonObject() && !p.getAsJsonObject().isEmpty() ? GSON.fromJson(p, Header.class) : null;
    Map<String, Object> meta = GSON.fromJson(utf8(metadata), MAP);
    Object body = GSON.fromJson(utf8(content), h.getType().getContentType());
    return new Message(identities, h, parentHeader, meta, body, blobs);
  }

  /** Whether the signature received equals the one expected, compared in constant time. */
  static boolean signatureMatches(String expected, byte[] received) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), received);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** JJava's own message reader, with its adapters for headers, timestamps and content types. */
  private static Gson jjavaGson() {
    try {
      Field f = JupyterSocket.class.getDeclaredField("gson");
      f.setAccessible(true);
      return (Gson) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JJava version has no message reader to reuse", e);
    }
  }

  private String channel() {
    return control ? "control" : "shell";
  }

  @Override
  public void close() {
    running = false;
    super.close();
  }

  @Override
  public void waitUntilClose() {
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
