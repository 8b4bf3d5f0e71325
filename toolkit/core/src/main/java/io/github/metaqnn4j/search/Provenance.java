package io.github.metaqnn4j.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a search runs, recorded with every session of its store (Tribuo's idea): the toolkit's
 * version and commit, the JVM, the operating system and processor, and what the evaluator adds (for
 * training: the ND4J backend, its build flags, the helpers path and the dataset's files).
 *
 * <pre>{@code
 * Provenance.version();        // "0.1.0-SNAPSHOT"
 * Provenance.of(SyntheticEvaluator.towards(Architecture.parse("[C(8,3,1), SM(10)]")));
 * }</pre>
 */
public final class Provenance {
  private static final Properties BUILD = readBuild();

  private Provenance() {}

  /** The toolkit's version. */
  public static String version() {
    return BUILD.getProperty("version", "unknown");
  }

  /** The commit the toolkit was built from, or "unknown" (built outside a git checkout). */
  public static String commit() {
    return BUILD.getProperty("commit", "unknown");
  }

  /** The provenance of a search using {@code evaluator}, as a JSON-like tree. */
  public static Map<String, Object> of(Evaluator evaluator) {
    Map<String, Object> p = new LinkedHashMap<>();
    Map<String, Object> toolkit = new LinkedHashMap<>();
    toolkit.put("version", version());
    toolkit.put("commit", commit());
    toolkit.put("dirty", BUILD.getProperty("dirty", "unknown"));
    p.put("toolkit", toolkit);
    Map<String, Object> jvm = new LinkedHashMap<>();
    for (String key : new String[] {"java.version", "java.vendor", "java.vm.name"}) {
      jvm.put(key, System.getProperty(key));
    }
    jvm.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    p.put("jvm", jvm);
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    machine.put("cpu", cpuModel());
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    p.put("machine", machine);
    p.put("evaluator", evaluator.provenance());
    return p;
  }

  /** The processor's model name where the system tells it (Linux), else "unknown". */
  public static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    try {
      if (Files.isReadable(cpuinfo)) {
        for (String line : Files.readAllLines(cpuinfo)) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // not known: said below
    }
    return "unknown";
  }

  /**
   * This process's peak resident memory in MiB (Linux's VmHWM), or -1 where the system does not
   * tell it: what the benchmarks print beside their speeds.
   */
  public static long peakMemoryMib() {
    Path status = Path.of("/proc/self/status");
    try {
      if (Files.isReadable(status)) {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
          }
        }
      }
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      // not known: said by -1
    }
    return -1;
  }

  private static Properties readBuild() {
    Properties p = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // not known: the getters say "unknown"
    }
    // placeholders left where the build had no git checkout
    p.values().removeIf(v -> v.toString().startsWith("${") || v.toString().isEmpty());
    return p;
  }
}
