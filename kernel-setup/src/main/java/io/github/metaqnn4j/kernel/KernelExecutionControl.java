package io.github.metaqnn4j.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution (so native libraries such as ND4J load once, in the kernel's JVM)
 * that also keeps the object each snippet evaluates to, for rich display. The JDK's local engine
 * runs every snippet on its own thread and knows how to stop it: {@link #stop()} interrupts a
 * running cell on every JDK from 17 on.
 *
 * <p>Each snippet's method is called through {@link #trampoline()}, which records its result or the
 * exception it threw; the exception passes on unchanged, the value does not (JShell would only
 * format it as a string).
 */
final class KernelExecutionControl extends LocalExecutionControl {
  private static final Method TRAMPOLINE;

  static {
    try {
      TRAMPOLINE = KernelExecutionControl.class.getDeclaredMethod("trampoline");
      TRAMPOLINE.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // one kernel per JVM: the snippet being run and what it produced
  private static volatile Method target;
  private static volatile Object result;
  private static volatile Thread runner;

  private final SnippetLoader loader;

  KernelExecutionControl(SnippetLoader loader) {
    super(loader);
    this.loader = loader;
  }

  /** Runs the current snippet; its exception passes through unchanged, its value is kept. */
  static Object trampoline() throws Throwable {
    runner = Thread.currentThread();
    reportOtherThreadsFailures(runner);
    try {
      result = target.invoke(null);
      // JShell would turn the value into a string (every element of an array) and throw it away:
      // the kernel renders values itself, from result, lazily and bounded
      return null;
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      runner = null;
    }
  }

  /**
   * JShell makes its own handler, which keeps the snippet thread's exception, the handler of every
   * thread's uncaught exception; those of threads a cell started were then lost. They are printed
   * to {@code System.err} (the cell's output) as the JVM prints them, and the snippet's own still
   * goes to JShell.
   */
  private static void reportOtherThreadsFailures(Thread snippet) {
    Thread.UncaughtExceptionHandler jshell = Thread.getDefaultUncaughtExceptionHandler();
    if (jshell == null || jshell instanceof OtherThreads) {
      return;
    }
    Thread.setDefaultUncaughtExceptionHandler(new OtherThreads(jshell, snippet));
  }

  /** Sends a snippet thread's exception to JShell, and prints any other thread's. */
  private record OtherThreads(Thread.UncaughtExceptionHandler jshell, Thread snippet)
      implements Thread.UncaughtExceptionHandler {
    @Override
    public void uncaughtException(Thread t, Throwable e) {
      if (t == snippet) {
        jshell.uncaughtException(t, e);
      } else {
        System.err.print("Exception in thread \"" + t.getName() + "\" ");
        e.printStackTrace(System.err);
      }
    }
  }

  /**
   * Interrupts the thread running a snippet, if one runs: code that honours interrupts (a search, a
   * sleep) ends by itself and keeps what it made.
   *
   * @return the thread interrupted, or null
   */
  static Thread interruptRunning() {
    Thread t = runner;
    if (t != null) {
      t.interrupt();
    }
    return t;
  }

  @Override
  protected String invoke(Method doit) throws Exception {
    target = doit;
    result = null;
    return super.invoke(TRAMPOLINE);
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
