package io.github.metaqnn4j.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that survives bad input. JJava's channel reads messages on a thread
 * that ends at the first exception, so one message with a wrong HMAC signature (which it rightly
 * refuses) would leave the kernel deaf; this one drops such a message, logs it and goes on. It also
 * waits on the socket rather than sleeping between polls, so replies leave at once.
 */
final class GuardedShellChannel extends ShellChannel {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedShellChannel.class);
  private static final int POLL_MILLIS = 100;

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
