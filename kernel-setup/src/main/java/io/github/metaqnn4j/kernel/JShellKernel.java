package io.github.metaqnn4j.kernel;

import io.github.metaqnn4j.kernel.CellException.MagicFailed;
import io.github.metaqnn4j.kernel.CellSource.Code;
import io.github.metaqnn4j.kernel.CellSource.Magic;
import io.github.metaqnn4j.kernel.CellSource.Part;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

/**
 * The metaqnn4j Java kernel: JShell in the kernel's JVM behind JJava's Jupyter protocol layer.
 * Cells are Java snippets and magics; the value of a cell's last expression is its result, shown by
 * the renderers extensions register (the toolkit's tables, charts and summaries among them).
 */
public final class JShellKernel extends BaseKernel {
  private static volatile JShellKernel running;

  private final CellEvaluator evaluator;
  private final Magics magics;
  private final CellHistory cellHistory;
  private final List<String> kernelClasspath;
  private final CellStreams streams = new CellStreams(System.err);
  private volatile ShellReplyEnvironment cellEnv;
  private volatile boolean recordCell;

  private JShellKernel(Builder b, CellHistory history, List<String> classpath) {
    super(
        b.buildNameOrDefault(),
        b.buildVersionOrDefault(),
        new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("text/x-java")
            .build(),
        List.of(
            new HelpLink(
                "Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/index.html")),
        history,
        b.buildIO(),
        b.buildComms(),
        b.buildRendererForKernel(),
        null,
        b.buildRegistry(),
        true,
        b.buildStyler());
    this.cellHistory = history;
    this.kernelClasspath = classpath;
    this.evaluator =
        new CellEvaluator(
            String.join(File.pathSeparator, classpath), SourceDocs.fromSystemProperty());
    this.magics = new Magics(new MagicHost(), new MavenDependencies(b.localRepository));
    for (String name : magics.names()) {
      // the same magics for code that calls lineMagic("maven", List.of(...)) (JJava's statics)
      magicsRegistry.registerLineMagic(
          name,
          (JShellKernel k, List<String> args) ->
              k.magics.run(
                  name, args.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "))));
    }
  }

  /** A kernel whose cells compile against {@code classpath} (the kernel's own by default). */
  public static Builder builder() {
    return new Builder();
  }

  /** The kernel of this JVM, if one runs (for cells that reach the notebook, e.g. to clear it). */
  static Optional<JShellKernel> running() {
    return Optional.ofNullable(running);
  }

  @Override
  public void onStartup() {
    running = this;
    super.onStartup();
  }

  @Override
  public void onShutdown(boolean restarting) {
    streams.close();
    super.onShutdown(restarting);
    evaluator.close();
    running = null;
  }

  @Override
  protected ClassLoader getClassLoader() {
    return evaluator.classLoader();
  }

  // ---- execution -----------------------------------------------------------------------------

  @Override
  protected synchronized void handleExecuteRequest(
      ShellReplyEnvironment env, Message<ExecuteRequest> request) {
    cellEnv = env;
    recordCell = request.getContent().shouldStoreHistory();
    evaluator.beginCell();
    try {
      super.handleExecuteRequest(env, request);
    } finally {
      cellEnv = null;
      recordCell = false;
    }
  }

  /**
   * Sends the cell's output (and, after it ends, that of the threads it started) through the
   * coalescing {@link CellStreams}, not one message per {@code println}.
   */
  @Override
  protected void replaceOutputStreams(ShellReplyEnvironment env) {
    streams.attach(env);
    System.setOut(streams.out());
    System.setErr(streams.err());
    System.setIn(io.in);
  }

  @Override
  public DisplayData eval(String code) {
    try {
      return recordedEval(code);
    } finally {
      streams.flush(); // the cell's output comes before its result or error
    }
  }

  private DisplayData recordedEval(String code) {
    boolean record = recordCell;
    recordCell = false; // cells that call eval(...) themselves are not recorded twice
    int cell = executionCount.get() - 1;
    try {
      DisplayData out = bounded(super.eval(code));
      if (record) {
        cellHistory.add(cell, code, out == null ? null : text(out));
      }
      return out;
    } catch (RuntimeException e) {
      if (record) {
        cellHistory.add(cell, code, null);
      }
      throw e;
    }
  }

  /** The most characters of a result's text or HTML sent to the notebook. */
  static final int MAX_RESULT_CHARS = 100_000;

  /**
   * A result whose text is longer than {@value #MAX_RESULT_CHARS} characters, cut, with a note on
   * how to get all of it; HTML that long is replaced by the cut text.
   */
  static DisplayData bounded(DisplayData d) {
    if (d == null) {
      return null;
    }
    if (d.getData(MIMEType.TEXT_PLAIN) instanceof String s && s.length() > MAX_RESULT_CHARS) {
      d.putData(
          MIMEType.TEXT_PLAIN,
          s.substring(0, MAX_RESULT_CHARS)
              + String.format(
                  java.util.Locale.ROOT,
                  "%n... %,d more characters not shown (%,d in all). To see all of it, write it to"
                      + " a file: Files.writeString(Path.of(\"result.txt\"), String.valueOf(value))",
                  s.length() - MAX_RESULT_CHARS,
                  s.length()));
    }
    if (d.getData(MIMEType.TEXT_HTML) instanceof String h && h.length() > MAX_RESULT_CHARS) {
      d.putData(
          MIMEType.TEXT_HTML,
          String.format(
                  java.util.Locale.ROOT,
                  "<p><i>The HTML form is %,d characters, too long to show; its text:</i></p>",
                  h.length())
              + "<pre>"
              + htmlEscape(String.valueOf(d.getData(MIMEType.TEXT_PLAIN)))
              + "</pre>");
    }
    return d;
  }

  private static String htmlEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String text(DisplayData d) {
    Object t = d.getData(MIMEType.TEXT_PLAIN);
    return t == null ? "" : t.toString();
  }

  /**
   * Runs a cell: its cell magic, or its line magics and Java in order. Never lets an {@link Error}
   * of the kernel's own escape, so that nothing a cell does ends the kernel.
   */
  @Override
  public Object evalRaw(String code) {
    try {
      return evalCell(code);
    } catch (CellException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      throw new CellException(
          "the kernel failed on this cell: " + e,
          List.of("the kernel failed on this cell: " + e, "the kernel is still running"));
    }
  }

  private Object evalCell(String code) {
    Optional<String> help = CellSource.helpTarget(code);
    if (help.isPresent()) {
      return showHelp(help.get());
    }
    int cell = executionCount.get() - 1;
    CellSource source = CellSource.parse(code);
    if (source.cellMagic().isPresent()) {
      Magic m = source.cellMagic().get();
      return magics.runCell(m.name(), () -> runParts(source.parts(), cell));
    }
    return runParts(source.parts(), cell);
  }

  private Object runParts(List<Part> parts, int cell) {
    Object last = null;
    for (Part p : parts) {
      if (p instanceof Code c) {
        last = evaluator.run(c.java(), cell, c.line()).orElse(null);
      } else if (p instanceof Magic m) {
        last = magics.run(m.name(), m.args());
      }
    }
    return last;
  }

  /**
   * Shows the signature and javadoc of {@code name} (or a magic's help) in the front end's pager;
   * printed where the request cannot carry a page.
   */
  private Object showHelp(String name) {
    Optional<String> doc =
        name.startsWith("%")
            ? Optional.ofNullable(magics.help(name.substring(1)))
            : evaluator.documentation(name, name.length());
    if (doc.isEmpty()) {
      throw new MagicFailed("no documentation found for " + name);
    }
    if (cellEnv instanceof PagingReplyEnvironment paging) {
      paging.page(doc.get());
    } else {
      System.out.println(doc.get());
    }
    return null;
  }

  /** Evaluates Java (and magics) that are not a cell of their own, e.g. a startup file. */
  public Object evalScript(String code) {
    return evalCell(code);
  }

  @Override
  public List<String> formatError(Throwable e) {
    if (e instanceof CellException c) {
      List<String> lines = new ArrayList<>();
      lines.add(errorStyler.primary(c.lines().get(0)));
      c.lines().stream().skip(1).forEach(lines::add);
      return lines;
    }
    return super.formatError(e);
  }

  @Override
  public void interrupt() {
    evaluator.stop();
  }

  /** Shows display data after what the cell printed before it. */
  @Override
  public void display(DisplayData data) {
    streams.flush();
    super.display(data);
  }

  /** Clears the output of the running cell (now, or before its next output). */
  void clearOutput(boolean wait) {
    ShellReplyEnvironment env = cellEnv;
    if (env != null) {
      streams.flush();
      env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }
  }

  // ---- replies JJava sends without their status ----------------------------------------------

  @Override
  protected void handleKernelInfoRequest(
      ShellReplyEnvironment env, Message<KernelInfoRequest> request) {
    env.setBusyDeferIdle();
    env.reply(
        new Replies.KernelInfo(getName(), getVersion(), getLanguageInfo(), getBanner(), helpLinks));
  }

  @Override
  protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> request) {
    env.setBusyDeferIdle();
    HistoryRequest r = request.getContent();
    Set<ResultFlag> flags = EnumSet.noneOf(ResultFlag.class);
    if (r.includeOutput()) {
      flags.add(ResultFlag.INCLUDE_OUTPUT);
    }
    List<HistoryEntry> entries;
    if (r instanceof HistoryRequest.Tail t) {
      entries = cellHistory.lookupTail(t.getMaxReturnLength(), flags);
    } else if (r instanceof HistoryRequest.Range g) {
      entries = cellHistory.lookupRange(g.getSessionIndex(), g.getStart(), g.getStop(), flags);
    } else if (r instanceof HistoryRequest.Search s) {
      if (s.filterUnique()) {
        flags.add(ResultFlag.UNIQUE);
      }
      entries = cellHistory.search(s.getPattern(), s.getMaxReturnLength(), flags);
    } else {
      entries = List.of();
    }
    env.reply(new Replies.History(entries, r.includeOutput()));
  }

  // ---- analysis ------------------------------------------------------------------------------

  @Override
  public String isComplete(String code) {
    if (CellSource.helpTarget(code).isPresent()) {
      return IS_COMPLETE_YES;
    }
    CellSource source = CellSource.parse(code);
    boolean unknownMagic =
        source.cellMagic().filter(m -> !magics.isCellMagic(m.name())).isPresent()
            || source.parts().stream()
                .anyMatch(p -> p instanceof Magic m && !magics.names().contains(m.name()));
    if (unknownMagic) {
      return IS_COMPLETE_BAD;
    }
    return switch (evaluator.completeness(source.javaView())) {
      case "complete" -> IS_COMPLETE_YES;
      case "invalid" -> IS_COMPLETE_BAD;
      default -> "    ";
    };
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    CellSource source = CellSource.parse(code);
    int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
    String before = code.substring(lineStart, at);
    if (before.stripLeading().startsWith("%") && !before.contains(" ")) {
      String prefix = before.strip();
      List<String> names =
          magics.names().stream().map(n -> "%" + n).filter(n -> n.startsWith(prefix)).toList();
      int start = lineStart + before.indexOf('%');
      return new ReplacementOptions(names, start, at);
    }
    CellEvaluator.Completions c = evaluator.complete(source.javaView(), at);
    return new ReplacementOptions(c.matches(), c.start(), c.end());
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    CellSource source = CellSource.parse(code);
    int line =
        (int)
                code.substring(0, Math.min(at, code.length()))
                    .chars()
                    .filter(ch -> ch == '\n')
                    .count()
            + 1;
    Optional<String> doc =
        source
            .magicOnLine(line)
            .map(m -> magics.help(m.name()))
            .or(() -> evaluator.documentation(source.javaView(), at));
    return doc.map(DisplayData::new).orElse(null);
  }

  // ---- class path ----------------------------------------------------------------------------

  private final class MagicHost implements Magics.Host {
    @Override
    public void addToClasspath(List<Path> paths) {
      String joined =
          paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
      evaluator.addToClasspath(joined);
      try {
        installExtensions(joined); // e.g. the toolkit added to a notebook with %maven
      } catch (RuntimeException e) {
        throw new MagicFailed("added " + joined + ", but its notebook extension failed: " + e);
      }
    }

    @Override
    public Object evalText(String text) {
      return evalCell(text);
    }

    @Override
    public List<String> kernelClasspath() {
      return kernelClasspath;
    }

    @Override
    public List<String> addedClasspath() {
      return evaluator.addedClasspath();
    }
  }

  /**
   * Settings of a {@link JShellKernel}: its class path (default: the JVM's) and Maven local
   * repository (default: {@code ~/.m2/repository}).
   */
  public static final class Builder extends BaseKernelBuilder<Builder, JShellKernel> {
    private List<String> classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .toList();
    private Path localRepository = MavenDependencies.defaultLocalRepository();

    private Builder() {
      name("metaqnn4j");
      version("0.1.0-SNAPSHOT");
      jupyterIOEncoding(StandardCharsets.UTF_8);
    }

    /** The class path cells compile against (default: the kernel JVM's). */
    public Builder classpath(List<String> entries) {
      this.classpath = List.copyOf(entries);
      return this;
    }

    /** Where {@code %maven} caches artifacts (default: ~/.m2/repository). */
    public Builder localRepository(Path dir) {
      this.localRepository = dir;
      return this;
    }

    @Override
    public JShellKernel build() {
      return new JShellKernel(this, new CellHistory(), classpath);
    }

    String buildNameOrDefault() {
      return buildName();
    }

    String buildVersionOrDefault() {
      return buildVersion();
    }

    JupyterIO buildIO() {
      return buildJupyterIO(buildJupyterIOEncoding());
    }

    CommManager buildComms() {
      return buildCommManager();
    }

    Renderer buildRendererForKernel() {
      return buildRenderer();
    }

    MagicsRegistry buildRegistry() {
      return buildMagicsRegistry();
    }

    StringStyler buildStyler() {
      return buildErrorStyler();
    }
  }
}
