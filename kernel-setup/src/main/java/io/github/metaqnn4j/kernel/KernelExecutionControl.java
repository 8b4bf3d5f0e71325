package io.github.metaqnn4j.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution (so native libraries such as ND4J load once, in the kernel's JVM),
 * with each snippet run on a thread of its own that the kernel controls:
 *
 * <ul>
 *   <li>the object a snippet evaluates to is kept, for rich display (JShell would only format it as
 *       a string);
 *   <li>only the snippet's thread is waited for, not threads that earlier cells started (JShell's
 *       local engine joins every thread of its group, so a background thread left running by one
 *       cell held up the next);
 *   <li>a snippet whose thread will not end when stopped (it catches {@link ThreadDeath}, and
 *       compiled code gives a stop no place outside its {@code try}) can be left running in the
 *       background, so that the kernel answers again.
 * </ul>
 *
 * <p>A thread's uncaught exception is printed to {@code System.err}, the cell's output, as the JVM
 * prints it; the snippet's own goes to JShell.
 */
final class KernelExecutionControl extends LocalExecutionControl {
  private static final ThreadGroup CELLS = new ThreadGroup("metaqnn4j cells");

  // one kernel per JVM: the thread of the snippet being run, and what it produced
  private static volatile Thread running;
  private static volatile Object result;

  private final SnippetLoader loader;
  private volatile boolean leave;

  KernelExecutionControl(SnippetLoader loader) {
    super(loader);
    this.loader = loader;
  }

  /** How a snippet's thread ended. */
  private static final class Outcome {
    volatile boolean returned;
    volatile Object value;
    volatile InvocationTargetException failed;
    volatile Exception refused;
  }

  @Override
  protected String invoke(Method doit) throws Exception {
    result = null;
    leave = false;
    Outcome outcome = new Outcome();
    Thread thread = new Thread(CELLS, () -> runSnippet(doit, outcome), "cell");
    thread.setDaemon(true);
    running = thread;
    try {
      thread.start();
      while (thread.isAlive() && !leave) {
        try {
          thread.join(20);
        } catch (InterruptedException e) {
          // the kernel's thread is not the one to stop: wait on for the snippet
        }
      }
    } finally {
      running = null;
    }
    if (thread.isAlive()) {
      thread.setPriority(Thread.MIN_PRIORITY);
      throw new StoppedException();
    }
    if (outcome.failed != null) {
      throw outcome.failed;
    }
    if (outcome.refused != null) {
      throw outcome.refused;
    }
    if (!outcome.returned) {
      throw new StoppedException(); // it died of a stop, wherever the stop found it
    }
    result = outcome.value;
    return valueString(null);
  }

  private static void runSnippet(Method doit, Outcome outcome) {
    try {
      outcome.value = doit.invoke(null);
      outcome.returned = true;
    } catch (InvocationTargetException e) {
      if (!(e.getCause() instanceof ThreadDeath)) {
        outcome.failed = e;
      }
    } catch (IllegalAccessException e) {
      outcome.refused = e;
    }
  }

  /** Stops the snippet's thread, if one runs. */
  @Override
  @SuppressWarnings(
      "deprecation") // Thread.stop: the only way to end a cell that ignores interrupts
  public void stop() {
    Thread t = running;
    if (t != null) {
      t.stop();
    }
  }

  /**
   * Stops waiting for the snippet's thread, which runs on in the background: its cell ends as
   * stopped.
   */
  void leaveRunning() {
    leave = true;
  }

  /**
   * Interrupts the thread running a snippet, if one runs: code that honours interrupts (a search, a
   * sleep) ends by itself and keeps what it made.
   *
   * @return the thread interrupted, or null
   */
  static Thread interruptRunning() {
    Thread t = running;
    if (t != null) {
      t.interrupt();
    }
    return t;
  }

  /** The value the last snippet evaluated to (null for statements and declarations), once. */
  Object takeResult() {
    Object r = result;
    result = null;
    return r;
  }

  /** The class loader of cells' classes and added jars. */
  ClassLoader classLoader() {
    return loader.classLoader();
  }

  /** Creates the control for a JShell instance and remembers it. */
  static final class Provider implements ExecutionControlProvider {
    private volatile KernelExecutionControl control;

    @Override
    public String name() {
      return "metaqnn4j-kernel";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      control = new KernelExecutionControl(new SnippetLoader());
      return control;
    }

    KernelExecutionControl control() {
      return control;
    }
  }
}
