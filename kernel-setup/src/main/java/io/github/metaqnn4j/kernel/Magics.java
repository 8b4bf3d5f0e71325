package io.github.metaqnn4j.kernel;

import io.github.metaqnn4j.kernel.CellException.MagicFailed;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kernel's magics, with IJava's and JJava's names and meaning. Line magics: {@code %maven
 * group:artifact:version ...} (with runtime dependencies, from Maven Central and {@code %mavenRepo
 * id url}), {@code %jars path-or-glob ...}, {@code %classpath [path ...]}, {@code %load file.jsh},
 * {@code %time code}. Cell magic: {@code %%time}.
 */
final class Magics {
  /** What the magics need from the kernel. */
  interface Host {
    /** Makes jars or directories visible to cells (and installs extensions they bring). */
    void addToClasspath(List<Path> paths);

    /** Evaluates text as a cell (magics included); returns its value or null. */
    Object evalText(String text);

    /** The kernel's own class path entries. */
    List<String> kernelClasspath();

    /** What cells added to the class path. */
    List<String> addedClasspath();
  }

  private final Host host;
  private final MavenDependencies maven;
  private final Map<String, String> help = new LinkedHashMap<>();

  Magics(Host host, MavenDependencies maven) {
    this.host = host;
    this.maven = maven;
    help.put("maven", "%maven group:artifact:version ...  adds artifacts and their dependencies");
    help.put("mavenRepo", "%mavenRepo id url  adds a Maven repository searched by %maven");
    help.put("jars", "%jars path-or-glob ...  adds jar files, e.g. %jars lib/*.jar");
    help.put("classpath", "%classpath [path ...]  adds jars or directories; alone, lists them");
    help.put("load", "%load file.jsh  runs the Java (and magics) of a file");
    help.put("time", "%time code  runs code and prints its wall time; %%time times a cell");
  }

  /** The names of the line magics. */
  Set<String> names() {
    return help.keySet();
  }

  /** Whether {@code name} is a cell magic ({@code %%name}): only {@code time} is. */
  boolean isCellMagic(String name) {
    return name.equals("time");
  }

  /** One line of help for a magic, if it exists. */
  String help(String name) {
    return help.get(name);
  }

  /**
   * Runs a line magic.
   *
   * @return the value to display, or null
   * @throws MagicFailed naming the magic and the problem
   */
  Object run(String name, String args) {
    try {
      return switch (name) {
        case "maven" -> maven(words(args));
        case "mavenRepo" -> mavenRepo(words(args));
        case "jars" -> jars(words(args));
        case "classpath" -> classpath(words(args));
        case "load" -> load(words(args));
        case "time" -> time(() -> host.evalText(args));
        default -> throw unknown("%" + name);
      };
    } catch (IllegalArgumentException | IOException e) {
      throw new MagicFailed("%" + name + ": " + e.getMessage());
    }
  }

  /** Runs a cell magic over {@code body}, which {@code run} evaluates. */
  Object runCell(String name, Supplier<Object> body) {
    if (!isCellMagic(name)) {
      throw unknown("%%" + name);
    }
    return time(body);
  }

  private MagicFailed unknown(String magic) {
    return new MagicFailed(
        "unknown magic "
            + magic
            + "; the line magics are %"
            + String.join(", %", names())
            + ", the cell magic is %%time");
  }

  private Object maven(List<String> coordinates) {
    if (coordinates.isEmpty()) {
      throw new IllegalArgumentException(
          "give coordinates, e.g. %maven tech.tablesaw:tablesaw-core:0.44.4");
    }
    List<MavenDependencies.Resolved> resolved = maven.resolve(coordinates);
    List<String> onPath =
        Stream.concat(host.kernelClasspath().stream(), host.addedClasspath().stream()).toList();
    Set<String> present =
        onPath.stream().map(e -> Path.of(e).getFileName().toString()).collect(Collectors.toSet());
    List<Path> fresh = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    int already = 0;
    for (MavenDependencies.Resolved r : resolved) {
      if (present.contains(r.jar().getFileName().toString())) {
        already++;
        continue;
      }
      var other = r.otherVersionIn(onPath);
      if (other.isPresent()) {
        conflicts.add(r.jar().getFileName() + " (the kernel has " + other.get() + ")");
      } else {
        fresh.add(r.jar());
      }
    }
    if (!fresh.isEmpty()) {
      host.addToClasspath(fresh);
    }
    System.out.println(
        "%maven: added "
            + fresh.size()
            + " jar(s)"
            + (fresh.isEmpty() ? "" : ": " + String.join(", ", fileNames(fresh)))
            + (already > 0 ? " (" + already + " already on the class path)" : ""));
    if (!conflicts.isEmpty()) {
      System.out.println(
          "%maven: not added, as other versions of them are on the kernel's class path and the"
              + " kernel's would win for every class both have: "
              + String.join(", ", conflicts)
              + ". Use the kernel's versions, or start a kernel with yours"
              + " (kernel-setup/install --classpath).");
    }
    return null;
  }

  private Object mavenRepo(List<String> args) {
    if (args.size() != 2) {
      throw new IllegalArgumentException("write %mavenRepo id url");
    }
    maven.addRepository(args.get(0), args.get(1));
    System.out.println(
        "%mavenRepo: %maven now searches " + String.join(", ", maven.repositories()));
    return null;
  }

  private Object jars(List<String> patterns) throws IOException {
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("give jar files or globs, e.g. %jars lib/*.jar");
    }
    List<Path> jars = new ArrayList<>();
    for (String p : patterns) {
      List<Path> found = expand(p);
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no file matches " + p);
      }
      jars.addAll(found);
    }
    host.addToClasspath(jars);
    System.out.println("%jars: added " + String.join(", ", fileNames(jars)));
    return null;
  }

  private Object classpath(List<String> paths) {
    if (paths.isEmpty()) {
      List<String> added = host.addedClasspath();
      System.out.println(
          "kernel class path: "
              + host.kernelClasspath().size()
              + " entries; added by cells: "
              + (added.isEmpty() ? "none" : "\n  " + String.join("\n  ", added)));
      return null;
    }
    List<Path> entries = new ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p).toAbsolutePath();
      if (!Files.exists(path)) {
        throw new IllegalArgumentException(p + " does not exist");
      }
      entries.add(path);
    }
    host.addToClasspath(entries);
    System.out.println("%classpath: added " + String.join(File.pathSeparator, paths));
    return null;
  }

  private Object load(List<String> files) throws IOException {
    if (files.size() != 1) {
      throw new IllegalArgumentException("write %load file.jsh");
    }
    Path file = Path.of(files.get(0));
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist");
    }
    return host.evalText(Files.readString(file));
  }

  private static Object time(Supplier<Object> code) {
    long start = System.nanoTime();
    try {
      return code.get();
    } finally {
      double ms = (System.nanoTime() - start) / 1e6;
      System.out.println(
          ms < 1000
              ? String.format(Locale.ROOT, "Wall time: %.1f ms", ms)
              : String.format(Locale.ROOT, "Wall time: %.2f s", ms / 1000));
    }
  }

  private static List<Path> expand(String pattern) throws IOException {
    if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
      Path p = Path.of(pattern).toAbsolutePath();
      return Files.isRegularFile(p) ? List.of(p) : List.of();
    }
    Path absolute = Path.of(pattern).toAbsolutePath();
    Path dir = absolute.getParent();
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
    try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      return files.filter(matcher::matches).filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static List<String> fileNames(List<Path> paths) {
    return paths.stream().map(p -> p.getFileName().toString()).toList();
  }

  /** Splits magic arguments at spaces, keeping quoted ("..." or '...') words whole. */
  static List<String> words(String args) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : args.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed quote in " + args);
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }
}
