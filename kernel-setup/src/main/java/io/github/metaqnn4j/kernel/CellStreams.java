package io.github.metaqnn4j.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishStream.StreamType;

/**
 * The kernel's {@code System.out} and {@code System.err}: what any thread prints is collected and
 * sent to the notebook as stream messages every {@value #PERIOD_MILLIS} ms (as IPython does), in
 * the order it was printed and never dropped, so that a fast loop of {@code println}s becomes a few
 * messages instead of one each (which the front end's socket would drop). Output printed after a
 * cell ended, from a thread it started, goes to that cell; before the first cell, to the kernel's
 * log.
 */
final class CellStreams {
  static final long PERIOD_MILLIS = 40;

  /** The most text in one message; more is sent in several. */
  static final int MAX_MESSAGE_CHARS = 1 << 20;

  private final Object lock = new Object(); // guards pending
  private final Object sending = new Object(); // one batch at a time, in order
  private final List<Chunk> pending = new ArrayList<>();
  private final PrintStream log;
  private final PrintStream out;
  private final PrintStream err;
  private final AtomicLong messages = new AtomicLong();
  private volatile ShellReplyEnvironment target;
  private volatile boolean closed;

  /** Text of one stream, printed in a row. */
  private record Chunk(StreamType type, StringBuilder text) {}

  /** Streams whose output before the first cell goes to {@code log}. */
  CellStreams(PrintStream log) {
    this.log = log;
    this.out = new PrintStream(new Sink(StreamType.OUT), true, StandardCharsets.UTF_8);
    this.err = new PrintStream(new Sink(StreamType.ERR), true, StandardCharsets.UTF_8);
    Thread sender = new Thread(this::sendPeriodically, "cell-output");
    sender.setDaemon(true);
    sender.start();
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /** Sends later output to the cell of {@code env} (it stays the target after the cell ends). */
  void attach(ShellReplyEnvironment env) {
    flush();
    target = env;
  }

  /** The stream messages sent so far. */
  long messagesSent() {
    return messages.get();
  }

  /** Sends everything printed so far, now. */
  void flush() {
    synchronized (sending) {
      send();
    }
  }

  private void send() {
    List<Chunk> batch;
    synchronized (lock) {
      if (pending.isEmpty()) {
        return;
      }
      batch = new ArrayList<>(pending);
      pending.clear();
    }
    ShellReplyEnvironment env = target;
    for (Chunk c : batch) {
      String text = c.text().toString();
      if (env == null) {
        log.print(text);
        continue;
      }
      for (int from = 0; from < text.length(); from += MAX_MESSAGE_CHARS) {
        env.publish(
            new PublishStream(
                c.type(), text.substring(from, Math.min(text.length(), from + MAX_MESSAGE_CHARS))));
        messages.incrementAndGet();
      }
    }
  }

  void close() {
    closed = true;
    flush();
  }

  private void sendPeriodically() {
    while (!closed) {
      try {
        Thread.sleep(PERIOD_MILLIS);
        flush();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.println("metaqnn4j kernel: cannot send cell output: " + e);
      }
    }
  }

  private void append(StreamType type, String text) {
    synchronized (lock) {
      Chunk last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
      if (last != null && last.type() == type) {
        last.text().append(text);
      } else {
        pending.add(new Chunk(type, new StringBuilder(text)));
      }
    }
  }

  /** Bytes of one stream, decoded as they come (a PrintStream writes whole characters). */
  private final class Sink extends OutputStream {
    private final StreamType type;

    Sink(StreamType type) {
      this.type = type;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      append(type, new String(b, off, len, StandardCharsets.UTF_8));
    }
  }
}
