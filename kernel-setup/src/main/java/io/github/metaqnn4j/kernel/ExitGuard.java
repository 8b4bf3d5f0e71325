package io.github.metaqnn4j.kernel;

import java.security.Permission;

/**
 * Keeps code in cells from ending the kernel: {@code System.exit} and {@code Runtime.halt} called
 * from a cell (or from a library it calls, on any thread) throw a {@link SecurityException}, which
 * the cell reports as its error, and so does replacing the guard ({@code
 * System.setSecurityManager}); the kernel itself may still exit when Jupyter shuts it down.
 * Everything else is allowed, as without a security manager.
 *
 * <p>It is a {@link SecurityManager}, the only way Java 17 offers to refuse an exit: allowed by
 * default on Java 17, with {@code -Djava.security.manager=allow} (which the installer adds) on Java
 * 18 to 23, and no longer possible from Java 24 on, where {@link #install()} says so.
 */
@SuppressWarnings("removal") // SecurityManager: see above
final class ExitGuard extends SecurityManager {
  private static volatile boolean kernelExiting;

  private ExitGuard() {}

  /** Installs the guard; false where this Java no longer allows a security manager. */
  static boolean install() {
    try {
      System.setSecurityManager(new ExitGuard());
      return true;
    } catch (UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** Lets the kernel's own exit through. */
  static void allowExit() {
    kernelExiting = true;
  }

  @Override
  public void checkPermission(Permission p) {
    if (kernelExiting || !(p instanceof RuntimePermission)) {
      return;
    }
    if (p.getName().equals("setSecurityManager")) {
      throw new SecurityException(
          "replacing the kernel's guard would let System.exit end the kernel and every variable"
              + " of this notebook; use Kernel > Restart to start afresh");
    }
    if (p.getName().startsWith("exitVM")) {
      throw new SecurityException(
          caller()
              + " would end the kernel and every variable of this notebook; "
              + "use Kernel > Restart to start afresh");
    }
  }

  /** Which exit the cell called: Runtime.halt, Runtime.exit or System.exit. */
  static String caller() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(
                        f ->
                            f.getClassName().equals("java.lang.Runtime")
                                || f.getClassName().equals("java.lang.System"))
                    .reduce((first, later) -> later) // the outermost: what the cell called
                    .map(
                        f ->
                            (f.getClassName().endsWith("System") ? "System." : "Runtime.")
                                + f.getMethodName())
                    .orElse("System.exit"));
  }

  @Override
  public void checkPermission(Permission p, Object context) {
    checkPermission(p);
  }
}
