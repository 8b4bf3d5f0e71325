package io.github.metaqnn4j.kernel;

import io.github.metaqnn4j.kernel.CellException.CompilationFailed;
import io.github.metaqnn4j.kernel.CellException.ExceptionInCell;
import io.github.metaqnn4j.kernel.CellException.Interrupted;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * JShell inside the kernel: runs the Java of a cell snippet by snippet, names the cell line of
 * every compile error and stack frame, says what a redefinition changed, and answers completion,
 * documentation and completeness questions.
 */
final class CellEvaluator implements AutoCloseable {
  private static final int MAX_FRAMES = 40;
  private static final long RESTOP_MILLIS = 50;
  private static final long GRACE_MILLIS = 2000;
  private static final int STOP_BURST = 200;
  private static final long LEAVE_MILLIS = 3000;

  private final KernelExecutionControl.Provider engine = new KernelExecutionControl.Provider();
  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  private final SourceDocs docs;
  private final Map<String, Place> places = new ConcurrentHashMap<>();
  private final List<String> added = new CopyOnWriteArrayList<>();

  private volatile boolean stopRequested;
  // the running snippet's thread would not end when stopped and was left running
  private volatile boolean leftRunning;
  // run() calls in progress (a magic such as %time runs Java inside a cell's run)
  private final AtomicInteger running = new AtomicInteger();

  /** Where a snippet came from: the cell's execution number and the cell line it starts on. */
  private record Place(int cell, int line) {}

  /** Completion candidates and the range of the cell they replace. */
  record Completions(List<String> matches, int start, int end) {}

  /** JShell with {@code classpath} (entries separated by the path separator) for its compiler. */
  CellEvaluator(String classpath) {
    this(classpath, SourceDocs.of(List.of()));
  }

  /** The same, with javadoc from {@code docs} where the JDK's sources have none. */
  CellEvaluator(String classpath, SourceDocs docs) {
    this.docs = docs;
    shell = JShell.builder().executionEngine(engine, Map.of()).build();
    analysis = shell.sourceCodeAnalysis();
    if (!classpath.isBlank()) {
      shell.addToClasspath(classpath);
    }
  }

  /** The class loader of cells' classes and the jars they added. */
  ClassLoader classLoader() {
    return engine.control().classLoader();
  }

  /** Makes the jars or directories of {@code path} visible to later cells. */
  void addToClasspath(String path) {
    shell.addToClasspath(path);
    for (String p : path.split(File.pathSeparator)) {
      if (!p.isBlank()) {
        added.add(p);
      }
    }
  }

  /** What cells added to the class path, in order. */
  List<String> addedClasspath() {
    return List.copyOf(added);
  }

  /** Clears an earlier stop request: a new cell starts. */
  void beginCell() {
    stopRequested = false;
    leftRunning = false;
  }

  /**
   * Stops the running snippet (from another thread) and the rest of its cell. The snippet's thread
   * is interrupted first, so that code that honours interrupts (a search, a sleep) ends by itself
   * within {@value #GRACE_MILLIS} ms and its variable keeps what it made; after that it is stopped
   * ({@link Thread#stop()}). JShell forgets a stop that arrives while a snippet is still being
   * compiled (the run that follows clears it), so the stop is repeated every {@value
   * #RESTOP_MILLIS} ms until the cell has ended. A thread that does not end even so (a loop that
   * catches {@code Throwable} around a sleep, once compiled, meets a stop nowhere else; a thread in
   * a native call meets it only when the call returns) is left running in the background {@value
   * #LEAVE_MILLIS} ms later, and its cell ends as stopped.
   */
  void stop() {
    stopRequested = true;
    long hardStopAt = System.nanoTime() + GRACE_MILLIS * 1_000_000;
    long leaveAt = hardStopAt + LEAVE_MILLIS * 1_000_000;
    Thread[] interrupted = {KernelExecutionControl.interruptRunning()};
    Thread again =
        new Thread(
            () -> {
              while (stopRequested && running.get() > 0) {
                try {
                  Thread.sleep(RESTOP_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
                if (!stopRequested || running.get() == 0) {
                  return;
                }
                long now = System.nanoTime();
                if (now >= leaveAt && KernelExecutionControl.interruptRunning() != null) {
                  leftRunning = true;
                  engine.control().leaveRunning();
                } else if (now >= hardStopAt) {
                  // a burst of interrupts and stops: a stop that finds the thread outside its
                  // try blocks (where an interpreted loop polls) ends it
                  for (int i = 0; i < STOP_BURST && stopRequested && running.get() > 0; i++) {
                    KernelExecutionControl.interruptRunning();
                    shell.stop();
                  }
                } else if (interrupted[0] == null) {
                  interrupted[0] = KernelExecutionControl.interruptRunning(); // it began since
                }
              }
            },
            "cell-stop");
    again.setDaemon(true);
    again.start();
  }

  /**
   * Runs a block of Java: every snippet in order. Returns the value of the last snippet when it is
   * an expression (empty for declarations and statements, and for null values).
   *
   * @param java the Java, as in the cell
   * @param cell the cell's execution number
   * @param firstLine the cell line (from 1) the block starts on
   * @throws CompilationFailed when a snippet does not compile, naming its cell line
   * @throws ExceptionInCell when a snippet throws, with the stack trace in cell lines
   * @throws Interrupted when {@link #stop()} was called
   */
  Optional<Object> run(String java, int cell, int firstLine) {
    running.incrementAndGet();
    try {
      return runSnippets(java, cell, firstLine);
    } finally {
      running.decrementAndGet();
    }
  }

  private Optional<Object> runSnippets(String java, int cell, int firstLine) {
    String remaining = java;
    int offset = 0;
    Optional<Object> last = Optional.empty();
    List<Snippet> declared = new ArrayList<>();
    while (!remaining.isBlank()) {
      checkStop();
      CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (info.completeness() == Completeness.EMPTY) {
        break;
      }
      int start = offset + leadingSpace(remaining);
      if (!info.completeness().isComplete()) {
        throw compilationFailed(
            java,
            firstLine,
            List.of(new Problem(start, start, "the cell ends before this statement does")));
      }
      // the snippet's line 1 is where its code starts, not the blank line before it
      Place place = new Place(cell, firstLine + lineIndex(java, start));
      last = Optional.empty();
      // evaluated without its leading blank lines: JShell numbers a method's lines wrongly after
      // them
      for (SnippetEvent e : shell.eval(info.source().stripLeading())) {
        Snippet s = e.snippet();
        if (e.causeSnippet() != null) {
          reportUpdate(e);
          continue;
        }
        places.put(s.id(), place);
        if (e.status() == Snippet.Status.REJECTED) {
          throw compilationFailed(java, firstLine, problems(s, start));
        }
        checkStop();
        if (e.exception() != null) {
          throw exceptionInCell(e.exception(), cell);
        }
        if (isRecoverable(e.status())) {
          declared.add(s);
        }
        if (isValue(s)) {
          Object value = engine.control().takeResult();
          // as in IPython, a trailing semicolon keeps a value out of the cell's result
          last = s.source().strip().endsWith(";") ? Optional.empty() : Optional.ofNullable(value);
        }
      }
      offset += remaining.length() - info.remaining().length();
      remaining = info.remaining();
    }
    warnUnresolved(declared);
    return last;
  }

  /** Declared, but waiting for something not defined yet (a warning, not an error). */
  private static boolean isRecoverable(Snippet.Status status) {
    return status == Snippet.Status.RECOVERABLE_DEFINED
        || status == Snippet.Status.RECOVERABLE_NOT_DEFINED;
  }

  private void checkStop() {
    if (leftRunning) {
      throw new Interrupted(
          "Interrupted: the cell was stopped, but its thread does not end (it catches every stop,"
              + " or waits in native code) and runs on in the background; restart the kernel to"
              + " end it");
    }
    if (stopRequested) {
      throw new Interrupted("Interrupted: the cell was stopped");
    }
  }

  private static boolean isValue(Snippet s) {
    return switch (s.subKind()) {
      case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND -> true;
      default -> false;
    };
  }

  // ---- compile errors ------------------------------------------------------------------------

  /** A compile problem at positions of the block. */
  private record Problem(int start, int end, String message) {}

  private List<Problem> problems(Snippet s, int offset) {
    List<Problem> out = new ArrayList<>();
    shell
        .diagnostics(s)
        .filter(Diag::isError)
        .forEach(
            d ->
                out.add(
                    new Problem(
                        offset + (int) Math.max(0, d.getStartPosition()),
                        offset + (int) Math.max(d.getStartPosition(), d.getEndPosition()),
                        d.getMessage(Locale.ROOT))));
    if (out.isEmpty()) {
      out.add(new Problem(offset, offset, "this snippet cannot be compiled"));
    }
    return out;
  }

  private static CompilationFailed compilationFailed(
      String java, int firstLine, List<Problem> problems) {
    List<String> lines = new ArrayList<>();
    String[] source = java.split("\n", -1);
    for (Problem p : problems) {
      int index = Math.min(lineIndex(java, p.start), source.length - 1);
      int column = p.start - lineStart(java, index);
      String[] message = p.message.split("\n");
      lines.add("cell line " + (firstLine + index) + ": " + message[0]);
      for (int i = 1; i < message.length; i++) {
        lines.add("  " + message[i].strip());
      }
      lines.add("    " + source[index]);
      int width =
          Math.max(1, Math.min(p.end, lineStart(java, index) + source[index].length()) - p.start);
      lines.add("    " + " ".repeat(Math.max(0, column)) + "^".repeat(width));
    }
    return new CompilationFailed(lines.get(0), lines);
  }

  private static int lineIndex(String text, int position) {
    int line = 0;
    for (int i = 0; i < Math.min(position, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int lineStart(String text, int lineIndex) {
    int pos = 0;
    for (int l = 0; l < lineIndex; l++) {
      pos = text.indexOf('\n', pos) + 1;
    }
    return pos;
  }

  private static int leadingSpace(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  // ---- runtime errors ------------------------------------------------------------------------

  private ExceptionInCell exceptionInCell(JShellException x, int cell) {
    if (x instanceof UnresolvedReferenceException u) {
      String message =
          describe(u.getSnippet())
              + " cannot be used yet: it refers to "
              + unresolved(u.getSnippet())
              + ", not defined yet";
      return new ExceptionInCell(message, List.of(message));
    }
    List<String> lines = new ArrayList<>();
    Throwable t = x;
    String summary = null;
    while (t != null) {
      String name =
          t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
      String header = name + (t.getMessage() != null ? ": " + t.getMessage() : "");
      lines.add(summary == null ? header : "Caused by: " + header);
      if (summary == null) {
        summary = header;
      }
      lines.addAll(frames(t.getStackTrace(), cell));
      t = t.getCause();
    }
    return new ExceptionInCell(summary, lines);
  }

  /**
   * Stack frames as "at ..." lines: repeated frames (deep recursion) collapsed into one line with a
   * count, at most {@value #MAX_FRAMES} lines.
   */
  private List<String> frames(StackTraceElement[] stack, int cell) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < stack.length && out.size() < MAX_FRAMES) {
      String line = "    at " + frame(stack[i], cell);
      int same = 1;
      while (i + same < stack.length && stack[i + same].equals(stack[i])) {
        same++;
      }
      out.add(same > 1 ? line + "  (" + same + " times)" : line);
      i += same;
    }
    if (i < stack.length) {
      out.add("    ... " + (stack.length - i) + " more");
    }
    return out;
  }

  /** A stack frame, with snippet frames ({@code #id:line}) named by cell and cell line. */
  private String frame(StackTraceElement f, int cell) {
    String file = f.getFileName();
    if (file == null || !file.startsWith("#")) {
      return f.toString();
    }
    Place p = places.get(file.substring(1));
    String where;
    if (p == null) {
      where = "snippet " + file + " line " + f.getLineNumber();
    } else {
      int line = p.line + f.getLineNumber() - 1;
      where = p.cell == cell ? "line " + line : "cell [" + p.cell + "] line " + line;
    }
    return f.getMethodName().isEmpty() ? where : f.getMethodName() + " (" + where + ")";
  }

  // ---- redefinition --------------------------------------------------------------------------

  /** Says what happened to an earlier snippet that this cell changed. */
  private void reportUpdate(SnippetEvent e) {
    Snippet s = e.snippet();
    Snippet.Status status = e.status();
    if (status == Snippet.Status.OVERWRITTEN || status == Snippet.Status.DROPPED) {
      return;
    }
    String cause = describe(e.causeSnippet());
    if (s instanceof VarSnippet v
        && (status == Snippet.Status.VALID || status == Snippet.Status.RECOVERABLE_DEFINED)) {
      System.err.println(
          "note: variable "
              + v.name()
              + " was re-created because "
              + cause
              + " changed; its value is now "
              + e.value());
    } else if (s instanceof VarSnippet v && e.previousStatus().isDefined()) {
      // JShell cannot re-create a var whose inferred type changed: it is gone until declared again
      System.err.println(
          "note: variable "
              + v.name()
              + " no longer exists because "
              + cause
              + " changed; declare it again (its type, "
              + v.typeName()
              + ", is not the new one)");
    } else if (e.previousStatus() == Snippet.Status.VALID && status != Snippet.Status.VALID) {
      System.err.println(
          "note: "
              + describe(s)
              + " can no longer be used after "
              + cause
              + " changed"
              + (s instanceof DeclarationSnippet d ? " (it refers to " + unresolved(d) + ")" : ""));
    }
  }

  private void warnUnresolved(List<Snippet> declared) {
    for (Snippet s : declared) {
      if (isRecoverable(shell.status(s)) && s instanceof DeclarationSnippet d) {
        System.err.println(
            "note: "
                + describe(s)
                + " is declared, but cannot be used until "
                + unresolved(d)
                + " is defined");
      }
    }
  }

  private String unresolved(DeclarationSnippet d) {
    return shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
  }

  private static String describe(Snippet s) {
    if (s instanceof DeclarationSnippet d) {
      String kind =
          switch (s.kind()) {
            case TYPE_DECL -> "class";
            case METHOD -> "method";
            case VAR -> "variable";
            default -> s.kind().name().toLowerCase(Locale.ROOT);
          };
      return kind + " " + d.name();
    }
    return s.kind() == Snippet.Kind.IMPORT ? "the import " + s.source().strip() : "a snippet";
  }

  // ---- analysis ------------------------------------------------------------------------------

  /**
   * Whether {@code code} (a cell's Java view) is complete: {@code complete}, {@code incomplete}
   * (more lines would finish it) or {@code invalid} (it cannot be finished).
   */
  String completeness(String code) {
    String remaining = code;
    while (!remaining.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(remaining);
      switch (info.completeness()) {
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
          return "incomplete";
        }
        case UNKNOWN -> {
          return "invalid";
        }
        case EMPTY -> {
          return "complete";
        }
        default -> remaining = info.remaining();
      }
    }
    return "complete";
  }

  /** Completions at {@code cursor} of {@code code} (a cell's Java view). */
  Completions complete(String code, int cursor) {
    int start = snippetStart(code, cursor);
    String chunk = code.substring(start, cursor);
    int[] anchor = new int[1];
    List<Suggestion> found = analysis.completionSuggestions(chunk, chunk.length(), anchor);
    boolean typed = found.stream().anyMatch(Suggestion::matchesType);
    List<String> matches =
        found.stream()
            .filter(s -> !typed || s.matchesType())
            .map(Suggestion::continuation)
            .distinct()
            .toList();
    return new Completions(matches, start + anchor[0], cursor);
  }

  /** Signatures (and javadoc where the JDK has sources) of what is at {@code cursor}. */
  Optional<String> documentation(String code, int cursor) {
    int end = Math.min(cursor, code.length());
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
      end++;
    }
    int start = snippetStart(code, end);
    String chunk = code.substring(start, end);
    var found = analysis.documentation(chunk, chunk.length(), true);
    if (found.isEmpty()) {
      found = analysis.documentation(chunk + "(", chunk.length() + 1, true);
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        found.stream()
            .map(
                d -> {
                  String javadoc =
                      d.javadoc() != null
                          ? d.javadoc().strip()
                          : this.docs.lookup(d.signature()).orElse(null);
                  return d.signature() + (javadoc != null ? "\n" + javadoc : "");
                })
            .collect(Collectors.joining("\n\n")));
  }

  /** Where the snippet that contains position {@code cursor} of {@code code} starts. */
  private int snippetStart(String code, int cursor) {
    int start = 0;
    String remaining = code.substring(0, cursor);
    while (true) {
      CompletionInfo info = analysis.analyzeCompletion(remaining);
      if (!info.completeness().isComplete() || info.remaining().isBlank()) {
        return start;
      }
      start += remaining.length() - info.remaining().length();
      remaining = info.remaining();
    }
  }

  @Override
  public void close() {
    shell.close();
  }
}
