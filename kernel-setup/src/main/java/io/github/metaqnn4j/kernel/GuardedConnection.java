package io.github.metaqnn4j.kernel;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.zeromq.ZMQ;

/**
 * JJava's connection with {@link GuardedShellChannel}s for shell and control: messages whose HMAC
 * signature does not verify are refused without stopping the kernel. Every socket binds to the
 * address of the connection file (loopback unless Jupyter says otherwise).
 */
final class GuardedConnection extends JupyterConnection {
  private final KernelConnectionProperties properties;
  private final ZMQ.Context context = ZMQ.context(1);
  private final GuardedShellChannel guardedShell;
  private final GuardedShellChannel guardedControl;

  GuardedConnection(KernelConnectionProperties properties)
      throws NoSuchAlgorithmException, InvalidKeyException {
    super(properties);
    this.properties = properties;
    HMACGenerator hmac = properties.createHMACGenerator();
    this.guardedShell = new GuardedShellChannel(context, hmac, false, this);
    this.guardedControl = new GuardedShellChannel(context, hmac, true, this);
  }

  @Override
  public void connect() {
    heartbeat.bind(properties);
    iopub.bind(properties);
    stdin.bind(properties);
    guardedShell.bind(properties);
    guardedControl.bind(properties);
  }

  /** Reply environments that can page help text with a cell's reply. */
  @Override
  public ShellReplyEnvironment prepareReplyEnv(ShellChannel channel, MessageContext context) {
    return new PagingReplyEnvironment(channel, stdin, iopub, context);
  }

  @Override
  public void close() {
    guardedShell.close();
    guardedControl.close();
    context.close();
    super.close();
  }

  @Override
  public void waitUntilClose() {
    guardedShell.waitUntilClose();
    guardedControl.waitUntilClose();
    super.waitUntilClose();
  }
}
