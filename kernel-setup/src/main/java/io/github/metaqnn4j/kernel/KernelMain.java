package io.github.metaqnn4j.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel as Jupyter does: {@code java ... KernelMain [--startup file.jsh]...
 * connection-file}. The startup files (the toolkit's imports) run before the kernel answers its
 * first request.
 */
public final class KernelMain {
  private KernelMain() {}

  public static void main(String[] args) throws Exception {
    keepLoggingInTheKernelLog();
    List<Path> startup = new ArrayList<>();
    Path connectionFile = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--startup") && i + 1 < args.length) {
        startup.add(Path.of(args[++i]));
      } else {
        connectionFile = Path.of(args[i]);
      }
    }
    if (connectionFile == null) {
      System.err.println("usage: KernelMain [--startup file.jsh]... connection-file");
      System.exit(2);
    }
    if (!ExitGuard.install()) {
      System.err.println(
          "metaqnn4j kernel: this Java ("
              + Runtime.version()
              + ") cannot refuse System.exit;"
              + " a cell that calls it ends the kernel");
    }
    KernelConnectionProperties props =
        KernelConnectionProperties.parse(Files.readString(connectionFile));
    JupyterConnection connection = new GuardedConnection(props);
    JShellKernel kernel = JShellKernel.builder().build();
    kernel.onStartup();
    for (Path file : startup) {
      runStartup(kernel, file);
    }
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
    ExitGuard.allowExit();
    System.exit(0);
  }

  /**
   * Binds the logging of every library (slf4j-simple) to the kernel's log, the stderr Jupyter
   * keeps, before cells get their own streams: a library's INFO line is not output of a cell. A
   * cell that wants to tell the user something prints it.
   */
  static void keepLoggingInTheKernelLog() {
    if (System.getProperty("org.slf4j.simpleLogger.cacheOutputStream") == null) {
      System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
    }
    org.slf4j.LoggerFactory.getLogger(KernelMain.class).debug("logging to the kernel log");
  }

  private static void runStartup(JShellKernel kernel, Path file) throws IOException {
    try {
      kernel.evalScript(Files.readString(file));
    } catch (CellException e) {
      System.err.println("startup file " + file + " failed: " + String.join("\n", e.lines()));
    }
  }
}
