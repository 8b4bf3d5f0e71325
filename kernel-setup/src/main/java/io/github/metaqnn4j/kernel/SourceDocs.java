package io.github.metaqnn4j.kernel;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Javadoc from source jars (the toolkit's {@code -sources.jar}) or source directories, for
 * inspection: JShell itself finds only the JDK's, in its {@code src.zip}. Given the signature
 * JShell prints ({@code StateSpace.Builder StateSpace.small()}, {@code
 * io.github.metaqnn4j.space.StateSpace}), it finds the declaration by class, member name and
 * parameter count and returns its comment as plain text.
 */
final class SourceDocs {
  /** The system property the kernel spec sets: source jars or directories, path-separated. */
  static final String PROPERTY = "metaqnn4j.kernel.sources";

  private final List<Path> roots; // directories: of a source tree, or a source jar's root
  private Map<String, List<Path>> filesBySimpleName; // on the first lookup, not at kernel start
  private final Map<Path, Optional<Parsed>> parsed = new ConcurrentHashMap<>();

  private record Parsed(CompilationUnitTree unit, DocTrees trees) {}

  private SourceDocs(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** The source files under the roots by simple class name (the file name). */
  private synchronized Map<String, List<Path>> files() {
    if (filesBySimpleName == null) {
      Map<String, List<Path>> index = new HashMap<>();
      for (Path root : roots) {
        try (Stream<Path> files = Files.walk(root)) {
          files
              .filter(f -> f.toString().endsWith(".java"))
              .forEach(
                  f -> {
                    String name = f.getFileName().toString();
                    index
                        .computeIfAbsent(
                            name.substring(0, name.length() - ".java".length()),
                            k -> new ArrayList<>())
                        .add(f);
                  });
        } catch (IOException | UncheckedIOException e) {
          // an unreadable root: no docs from it, as for a jar that does not open
        }
      }
      filesBySimpleName = index;
    }
    return filesBySimpleName;
  }

  /** Source docs from {@code entries}: source jars, directories of them, or source trees. */
  static SourceDocs of(List<Path> entries) {
    List<Path> roots = new ArrayList<>();
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> list = Files.list(entry)) {
          List<Path> jars = list.filter(p -> p.toString().endsWith("-sources.jar")).toList();
          if (jars.isEmpty()) {
            roots.add(entry);
          }
          for (Path jar : jars) {
            openJar(jar, roots);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (Files.isRegularFile(entry)) {
        openJar(entry, roots);
      }
    }
    return new SourceDocs(roots);
  }

  /** Source docs from the system property {@value #PROPERTY}, none when it is not set. */
  static SourceDocs fromSystemProperty() {
    String value = System.getProperty(PROPERTY, "");
    return of(
        Arrays.stream(value.split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .toList());
  }

  /** Adds the root of a source jar, opened for the kernel's lifetime. */
  private static void openJar(Path jar, List<Path> roots) {
    try {
      FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of());
      roots.add(fs.getRootDirectories().iterator().next());
    } catch (IOException | RuntimeException e) {
      // not a readable jar: no docs from it
    }
  }

  /** The javadoc, as plain text, of what {@code signature} (as JShell prints it) declares. */
  Optional<String> lookup(String signature) {
    Target t = Target.parse(signature);
    if (t == null) {
      return Optional.empty();
    }
    for (Path file : files().getOrDefault(t.typePath.get(0), List.of())) {
      Optional<String> doc = parse(file).flatMap(p -> find(p, t));
      if (doc.isPresent()) {
        return doc.map(SourceDocs::plainText);
      }
    }
    return Optional.empty();
  }

  private Optional<Parsed> parse(Path file) {
    return parsed.computeIfAbsent(
        file,
        f -> {
          try {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            var source =
                new SimpleJavaFileObject(
                    URI.create("string:///" + f.getFileName()), SimpleJavaFileObject.Kind.SOURCE) {
                  @Override
                  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                  }
                };
            JavacTask task =
                (JavacTask)
                    javac.getTask(
                        null, null, d -> {}, List.of("-proc:none"), null, List.of(source));
            CompilationUnitTree unit = task.parse().iterator().next();
            return Optional.of(new Parsed(unit, DocTrees.instance(task)));
          } catch (IOException | RuntimeException e) {
            return Optional.empty();
          }
        });
  }

  private static Optional<String> find(Parsed p, Target t) {
    TreePath path = new TreePath(p.unit);
    List<? extends Tree> members = p.unit.getTypeDecls();
    for (String typeName : t.typePath) {
      TreePath found = null;
      for (Tree m : members) {
        if (m instanceof ClassTree c && c.getSimpleName().contentEquals(typeName)) {
          found = new TreePath(path, c);
          break;
        }
      }
      if (found == null) {
        return Optional.empty();
      }
      path = found;
      members = ((ClassTree) path.getLeaf()).getMembers();
    }
    if (t.member == null && !t.constructor) {
      return Optional.ofNullable(p.trees.getDocComment(path));
    }
    // the overload with the same parameter types, else the first with as many parameters
    for (boolean exact : new boolean[] {true, false}) {
      for (Tree m : members) {
        boolean match =
            m instanceof MethodTree method
                ? (t.constructor
                        ? method.getName().contentEquals("<init>")
                        : method.getName().contentEquals(t.member))
                    && t.accepts(method, exact)
                : !exact
                    && m instanceof VariableTree v
                    && !t.constructor
                    && v.getName().contentEquals(t.member);
        String doc = match ? p.trees.getDocComment(new TreePath(path, m)) : null;
        if (doc != null) {
          return Optional.of(doc);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What a signature declares: a type path, and a member with the simple names of its parameter
   * types (null for fields and types).
   */
  private record Target(
      List<String> typePath, String member, boolean constructor, List<String> parameters) {
    /**
     * Reads JShell's signatures: {@code Type a.b.Outer.Inner.method(P1, P2)} (a method: a return
     * type, then a space), {@code Outer.Inner(P1)} (a constructor: no return type), {@code
     * Outer.FIELD:type} and {@code a.b.Outer.Inner} (a type). Null when it is none of them.
     */
    static Target parse(String signature) {
      String s = withoutGenerics(signature.strip());
      int paren = s.indexOf('(');
      int colon = s.indexOf(':');
      String head = (paren >= 0 ? s.substring(0, paren) : colon >= 0 ? s.substring(0, colon) : s);
      head = head.strip();
      List<String> parts =
          new ArrayList<>(Arrays.asList(head.substring(head.lastIndexOf(' ') + 1).split("\\.")));
      if (parts.stream().anyMatch(String::isEmpty)) {
        return null;
      }
      while (parts.size() > 1 && Character.isLowerCase(parts.get(0).charAt(0))) {
        parts.remove(0); // a package name
      }
      if (paren < 0 && colon < 0) {
        return new Target(parts, null, false, null);
      }
      List<String> types = paren >= 0 ? parameterTypes(s.substring(paren + 1)) : null;
      if (paren >= 0 && !head.contains(" ")) {
        return new Target(parts, null, true, types);
      }
      if (parts.size() < 2) {
        return null;
      }
      return new Target(
          List.copyOf(parts.subList(0, parts.size() - 1)),
          parts.get(parts.size() - 1),
          false,
          types);
    }

    /** Whether {@code method} has these parameters: their types, or (exact false) their count. */
    boolean accepts(MethodTree method, boolean exact) {
      if (parameters == null) {
        return !exact;
      }
      if (method.getParameters().size() != parameters.size()) {
        return false;
      }
      if (!exact) {
        return true;
      }
      for (int i = 0; i < parameters.size(); i++) {
        String declared = method.getParameters().get(i).getType().toString();
        if (!simpleTypeName(withoutGenerics(declared)).equals(parameters.get(i))) {
          return false;
        }
      }
      return true;
    }

    /** {@code java.util.Map} as {@code Map}, {@code int...} as {@code int[]}. */
    private static String simpleTypeName(String type) {
      String t = type.strip().replace("...", "[]");
      int bracket = t.indexOf('[');
      String base = bracket < 0 ? t : t.substring(0, bracket);
      String dims = bracket < 0 ? "" : t.substring(bracket).replace(" ", "");
      return base.substring(base.lastIndexOf('.') + 1).strip() + dims;
    }

    private static String withoutGenerics(String s) {
      StringBuilder out = new StringBuilder();
      int depth = 0;
      for (char c : s.toCharArray()) {
        if (c == '<') {
          depth++;
        } else if (c == '>') {
          depth--;
        } else if (depth == 0) {
          out.append(c);
        }
      }
      return out.toString();
    }

    /** The simple type names of a parameter list, {@code (int a, java.util.List b)} without "(". */
    private static List<String> parameterTypes(String afterParen) {
      int close = afterParen.indexOf(')');
      String list = (close < 0 ? afterParen : afterParen.substring(0, close)).strip();
      if (list.isEmpty()) {
        return List.of();
      }
      List<String> types = new ArrayList<>();
      for (String parameter : list.split(",")) {
        String p = parameter.strip().replace("...", "[] ");
        int space = p.lastIndexOf(' ');
        // "Type name" or just "Type" (JShell leaves names out when the class has none)
        String type = space > 0 && !p.endsWith("]") ? p.substring(0, space) : p;
        types.add(simpleTypeName(type));
      }
      return types;
    }
  }

  /** A raw doc comment as plain text: inline tags unwrapped, HTML dropped, entities decoded. */
  static String plainText(String raw) {
    String text = unwrapInlineTags(raw);
    text = text.replaceAll("(?i)</?pre>", "\n").replaceAll("(?i)<p>", "\n\n");
    text = text.replaceAll("</?[A-Za-z][^>]*>", "");
    text =
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#64;", "@")
            .replace("&amp;", "&");
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      out.append(line.startsWith(" ") ? line.substring(1) : line).append('\n');
    }
    return out.toString().strip().replaceAll("\n{3,}", "\n\n");
  }

  /** {@code {@code x}} and the like as their text, braces inside them counted. */
  private static String unwrapInlineTags(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{@", i);
      if (open < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, open);
      int depth = 0;
      int close = -1;
      for (int j = open; j < text.length(); j++) {
        char c = text.charAt(j);
        if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          close = j;
          break;
        }
      }
      if (close < 0) {
        out.append(text, open, text.length());
        break;
      }
      String inner = text.substring(open + 2, close);
      int space = 0;
      while (space < inner.length() && !Character.isWhitespace(inner.charAt(space))) {
        space++;
      }
      String tag = inner.substring(0, space);
      String body = inner.substring(space).strip();
      if (tag.equals("link") || tag.equals("linkplain")) {
        int label = body.indexOf(' ');
        body = label > 0 ? body.substring(label + 1).strip() : body.replace('#', '.');
        body = body.startsWith(".") ? body.substring(1) : body;
      }
      out.append(body);
      i = close + 1;
    }
    return out.toString();
  }
}
