package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.agent.EpsilonSchedule;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchBuilder;
import io.github.metaqnn4j.search.SyntheticEvaluator;
import io.github.metaqnn4j.space.Echo;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.store.ExperimentStore;
import io.github.metaqnn4j.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Faults a store meets, and bad input a user types, each tried many times: kill -9 at random
 * moments (then {@code resume}), a full disk at a random write, truncated files, bytes flipped in
 * random pages, two processes on one store, and a set of bad inputs. Each trial ends in one of
 * three ways: the store equals the one an uninterrupted search writes; the store or input is
 * refused with an error that names the file and the cause; or anything else, which must never
 * happen. {@link #main} prints the table ({@code scripts/fault-campaign}); {@code
 * FaultCampaignTest} runs it in the test command.
 */
public final class FaultCampaign {
  /** Models of each search the campaign runs: short, so that a trial takes about a second. */
  static final int MODELS = 40;

  /** Milliseconds each model takes in a search that is to be killed: a window for the kill. */
  static final long SLOW_MILLIS = 60;

  /** One line of the table. */
  record Row(
      String fault,
      int trials,
      int identical,
      int refused,
      List<String> other,
      String example,
      Map<String, Integer> foundBy) {
    int others() {
      return other.size();
    }
  }

  /** How one trial ended. */
  enum Outcome {
    IDENTICAL,
    REFUSED,
    OTHER
  }

  private final Path dir;
  private final Random random;
  private final String classPath;
  private final Map<Long, List<String>> references = new HashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private int files;

  private final long seed;

  FaultCampaign(Path dir, long seed) {
    this.seed = seed;
    this.dir = dir;
    this.random = new Random(seed);
    this.classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 && !args[0].startsWith("--") ? Long.parseLong(args[0]) : 1;
    Path dir = Files.createTempDirectory("fault-campaign");
    FaultCampaign campaign = new FaultCampaign(dir, seed);
    campaign.runAll();
    System.out.print(campaign.table());
    if (List.of(args).contains("--inputs")) {
      System.out.println("\nwhat each bad input is told:");
      campaign.inputsTold.forEach(System.out::println);
    }
  }

  /** Runs every kind of fault and input. */
  List<Row> runAll() throws Exception {
    kills();
    killsDuringResume();
    truncatedLogsOfKilledSearches();
    fullDisk();
    truncatedStores();
    flippedBytes();
    twoProcessesOnANewFile();
    aSecondProcessOnARunningSearch();
    badInputs();
    return rows;
  }

  /** The table, as {@link #main} prints it. */
  String table() {
    StringBuilder b = new StringBuilder();
    b.append("Fault campaign, seed " + seed + ", " + kills + " processes killed with SIGKILL\n");
    b.append(
        String.format(
            "%-60s %7s %10s %9s %6s%n",
            "fault or input", "trials", "identical", "refused", "other"));
    int[] sum = new int[4];
    for (Row r : rows) {
      b.append(
          String.format(
              "%-60s %7d %10d %9d %6d%n",
              r.fault(), r.trials(), r.identical(), r.refused(), r.others()));
      sum[0] += r.trials();
      sum[1] += r.identical();
      sum[2] += r.refused();
      sum[3] += r.others();
      r.other().forEach(o -> b.append("    other: ").append(o).append('\n'));
      if (r.example() != null) {
        b.append("    e.g. ").append(Echo.of(r.example(), 150)).append('\n');
      }
      if (!r.foundBy().isEmpty()) {
        b.append("    damage found by: ").append(r.foundBy()).append('\n');
      }
    }
    b.append(String.format("%-60s %7d %10d %9d %6d%n", "all", sum[0], sum[1], sum[2], sum[3]));
    b.append(
        "identical: the store equals an uninterrupted search's (after a resume where the fault"
            + " ended the process);\nrefused: refused with an error naming the file or input and"
            + " the cause; other: anything else.\n");
    return b.toString();
  }

  // ---- the search the faults meet --------------------------------------------------------------

  /** The search of every trial: the small space, {@link #MODELS} models, a synthetic evaluator. */
  static SearchBuilder search(long seed, Path store, long millisPerModel) {
    SyntheticEvaluator accuracy =
        SyntheticEvaluator.of(a -> 0.2 + 0.1 * a.count("C") - 0.05 * a.count("FC"));
    return Search.qLearning(StateSpace.small().build())
        .evaluator(
            (arch, ctx) -> {
              try {
                Thread.sleep(millisPerModel);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return accuracy.evaluate(arch, ctx);
            })
        .schedule(EpsilonSchedule.paper().scaledTo(MODELS))
        .seed(seed)
        .quiet()
        .store(store);
  }

  /** The process a trial kills or starves: {@code store seed}; exit 2 with one line on refusal. */
  public static final class Target {
    private Target() {}

    public static void main(String[] args) {
      try {
        search(Long.parseLong(args[1]), Path.of(args[0]), SLOW_MILLIS).run();
      } catch (StoreException e) {
        System.err.println("error: " + e.getMessage());
        System.exit(2);
      }
    }
  }

  /** Everything a store holds that does not depend on the clock. */
  static List<String> contents(Path db) {
    try (var store = ExperimentStore.open(db)) {
      List<String> out = new ArrayList<>();
      out.add(store.status());
      out.add(store.settings().toString());
      store.models().forEach(m -> out.add(m.toString()));
      store.qValues().forEach(q -> out.add(q.toString()));
      store.choiceProbabilities().forEach((i, c) -> out.add(i + ": " + c));
      return out;
    }
  }

  private List<String> reference(long seed) {
    return references.computeIfAbsent(
        seed,
        s -> {
          Path db = next("reference");
          search(s, db, 0).run();
          return contents(db);
        });
  }

  private Path reference(long seed, String name) throws IOException {
    reference(seed);
    Path copy = next(name);
    search(seed, copy, 0).run();
    return copy;
  }

  private Path next(String name) {
    return dir.resolve(name + "-" + files++ + ".db");
  }

  /** Resumes {@code db} in this process and compares it with the uninterrupted search. */
  private Outcome resumeAndCompare(Path db, long seed, List<String> notes, String trial) {
    try {
      search(seed, db, 0).run();
      if (contents(db).equals(reference(seed))) {
        return Outcome.IDENTICAL;
      }
      notes.add(trial + ": resumed, but the store differs from the uninterrupted search's");
      return Outcome.OTHER;
    } catch (StoreException e) {
      return clear(e.getMessage(), db.toString(), notes, trial);
    } catch (RuntimeException e) {
      notes.add(trial + ": " + e);
      return Outcome.OTHER;
    }
  }

  /** The first refusal of the row being run, shown under it. */
  private String example;

  /** What found the damage the row's refusals name, and how often. */
  private Map<String, Integer> foundBy = new java.util.TreeMap<>();

  /** A refusal counts when it is one readable line that names what it refuses. */
  private Outcome clear(String message, String names, List<String> notes, String trial) {
    boolean ok =
        message != null
            && message.contains(names)
            && message.length() < 600
            && message.chars().noneMatch(c -> c < 0x20 && c != '\n')
            && message.strip().lines().count() == 1;
    if (!ok) {
      notes.add(trial + ": unclear error: " + message);
    } else {
      if (example == null) {
        example = message.replace(names, "FILE");
      }
      if (message.contains(" is damaged (")) {
        String by =
            message.contains("its seal")
                ? "a row's seal"
                : message.contains("integrity check")
                    ? "integrity check on open"
                    : "SQLite on read";
        foundBy.merge(by, 1, Integer::sum);
      }
    }
    return ok ? Outcome.REFUSED : Outcome.OTHER;
  }

  private void add(String fault, List<Outcome> outcomes, List<String> notes) {
    rows.add(
        new Row(
            fault,
            outcomes.size(),
            (int) outcomes.stream().filter(o -> o == Outcome.IDENTICAL).count(),
            (int) outcomes.stream().filter(o -> o == Outcome.REFUSED).count(),
            notes,
            example,
            foundBy));
    example = null;
    foundBy = new java.util.TreeMap<>();
  }

  // ---- processes -------------------------------------------------------------------------------

  private Process start(Path db, long seed, Path log, String... prefix) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(prefix));
    cmd.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:-UsePerfData",
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + dir,
            "-cp",
            classPath));
    cmd.addAll(nativeLibrary());
    cmd.addAll(List.of(Target.class.getName(), db.toString(), Long.toString(seed)));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private List<String> nativeLib;

  /** Each bad input and the error it was told, for {@code --inputs}. */
  private final List<String> inputsTold = new ArrayList<>();

  /**
   * SQLite's native library, extracted once here: a child whose file sizes are limited must not
   * write it (the JDBC driver extracts it to a temporary file at every start).
   */
  private List<String> nativeLibrary() throws IOException {
    if (nativeLib == null) {
      String folder = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
      String name = System.mapLibraryName("sqlitejdbc");
      try (InputStream in =
          org.sqlite.JDBC.class.getResourceAsStream("/org/sqlite/native/" + folder + "/" + name)) {
        if (in == null) {
          nativeLib = List.of();
        } else {
          Path lib = Files.createDirectories(dir.resolve("native"));
          Files.copy(in, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
          nativeLib = List.of("-Dorg.sqlite.lib.path=" + lib, "-Dorg.sqlite.lib.name=" + name);
        }
      }
    }
    return nativeLib;
  }

  private static int waitFor(Process p) throws InterruptedException {
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      p.waitFor();
    }
    return p.exitValue();
  }

  /** Kills {@code p} with SIGKILL after {@code millis}; true if it was still running then. */
  private static boolean killAfter(Process p, long millis) throws InterruptedException {
    if (p.waitFor(millis, TimeUnit.MILLISECONDS)) {
      return false;
    }
    p.destroyForcibly(); // SIGKILL on Linux
    p.waitFor();
    return true;
  }

  /** Processes killed with SIGKILL while they ran, over every row. */
  int kills;

  /** The models a killed search left in its store (0 where it left none, or no store). */
  private static int storedModels(Path db) {
    if (!Files.exists(db)) {
      return 0;
    }
    try (var store = ExperimentStore.open(db)) {
      return store.models().size();
    } catch (StoreException e) {
      return 0;
    }
  }

  private long killMoment() {
    // the JVM starts in about a second; the search takes 2.4 s more: before, during and after it
    return 800 + random.nextInt(2_400);
  }

  // ---- the faults ------------------------------------------------------------------------------

  private void kills() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int killed = 0;
    int midway = 0;
    for (int trial = 0; trial < 24; trial++) {
      long seed = 1 + trial % 4;
      Path db = next("killed");
      Process p = start(db, seed, dir.resolve("kill.log"));
      if (killAfter(p, killMoment())) {
        killed++;
        int stored = storedModels(db);
        midway += stored > 0 && stored < MODELS ? 1 : 0;
      }
      outcomes.add(resumeAndCompare(db, seed, notes, "kill " + trial));
    }
    kills += killed;
    add(
        "kill -9 during a search, then resume (" + killed + " killed, " + midway + " midway)",
        outcomes,
        notes);
  }

  private void killsDuringResume() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int trial = 0; trial < 6; trial++) {
      long seed = 5 + trial % 2;
      Path db = next("killed-twice");
      kills +=
          killAfter(start(db, seed, dir.resolve("kill.log")), 600 + random.nextInt(800)) ? 1 : 0;
      kills +=
          killAfter(start(db, seed, dir.resolve("kill.log")), 500 + random.nextInt(800)) ? 1 : 0;
      outcomes.add(resumeAndCompare(db, seed, notes, "kill twice " + trial));
    }
    add("kill -9 of the search and of its resume", outcomes, notes);
  }

  private void truncatedLogsOfKilledSearches() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int trial = 0; trial < 6; trial++) {
      long seed = 7;
      Path db = next("torn-log");
      kills +=
          killAfter(start(db, seed, dir.resolve("kill.log")), 900 + random.nextInt(800)) ? 1 : 0;
      Path wal = Path.of(db + "-wal");
      if (Files.exists(wal) && Files.size(wal) > 1) {
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
          f.setLength(1 + random.nextInt((int) f.length() - 1)); // a write torn by the crash
        }
      }
      outcomes.add(resumeAndCompare(db, seed, notes, "torn log " + trial));
    }
    add("kill -9, its write-ahead log cut short, resume", outcomes, notes);
  }

  private void fullDisk() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int hit = 0;
    for (int trial = 0; trial < 10; trial++) {
      long seed = 8;
      Path db = next("full");
      Path log = dir.resolve("full-" + trial + ".log");
      // the store's files may not grow past this many KiB (the WAL of a whole search is ~1 MiB)
      int kib = 8 + random.nextInt(400);
      Process p = start(db, seed, log, "bash", "-c", "ulimit -f " + kib + " && exec \"$0\" \"$@\"");
      int code = waitFor(p);
      String out = Files.readString(log).strip();
      if (code != 0) {
        hit++;
        Outcome said =
            clear(out.replaceFirst("^error: ", ""), db.toString(), notes, "full " + trial);
        if (said == Outcome.REFUSED && code != 2) {
          notes.add("full " + trial + ": exit " + code + ": " + out.lines().findFirst().orElse(""));
        }
        if (said == Outcome.OTHER || code != 2) {
          outcomes.add(Outcome.OTHER);
          continue;
        }
      }
      outcomes.add(resumeAndCompare(db, seed, notes, "full " + trial));
    }
    add("disk full at a random write, then resume (" + hit + " hit)", outcomes, notes);
  }

  private void truncatedStores() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Path sound = reference(9, "sound");
    for (int trial = 0; trial < 10; trial++) {
      Path db = next("truncated");
      Files.copy(sound, db);
      try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
        f.setLength(1 + random.nextInt((int) f.length() - 1));
      }
      outcomes.add(resumeAndCompare(db, 9, notes, "truncated " + trial));
    }
    add("a store cut short, then resume", outcomes, notes);
  }

  private void flippedBytes() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Path sound = reference(9, "sound");
    int pageSize;
    try (RandomAccessFile f = new RandomAccessFile(sound.toFile(), "r")) {
      f.seek(16);
      pageSize = f.readUnsignedShort();
      pageSize = pageSize == 1 ? 65_536 : pageSize;
    }
    for (int trial = 0; trial < 40; trial++) {
      Path db = next("flipped");
      Files.copy(sound, db);
      try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
        long page = random.nextInt((int) (f.length() / pageSize));
        int flips = 1 + random.nextInt(8);
        for (int k = 0; k < flips; k++) {
          long at = page * pageSize + random.nextInt(pageSize);
          f.seek(at);
          int b = f.read();
          f.seek(at);
          f.write(b ^ (1 + random.nextInt(255)));
        }
      }
      outcomes.add(resumeAndCompare(db, 9, notes, "flipped " + trial));
    }
    add("1-8 bytes flipped in a random page, then resume", outcomes, notes);
  }

  private void twoProcessesOnANewFile() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int trial = 0; trial < 5; trial++) {
      Path db = next("two-new");
      Path logA = dir.resolve("a.log");
      Path logB = dir.resolve("b.log");
      Process a = start(db, 11, logA);
      Process b = start(db, 22, logB);
      int codeA = waitFor(a);
      int codeB = waitFor(b);
      outcomes.add(oneWon(db, codeA, codeB, logA, logB, 11, 22, notes, "new file " + trial));
    }
    add("two searches (seeds 11, 22) start on a new file", outcomes, notes);
  }

  private void aSecondProcessOnARunningSearch() throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int trial = 0; trial < 5; trial++) {
      Path db = next("two-running");
      Path logA = dir.resolve("a.log");
      Path logB = dir.resolve("b.log");
      Process a = start(db, 12, logA);
      Thread.sleep(700 + random.nextInt(500));
      Process b = start(db, 12, logB);
      int codeA = waitFor(a);
      int codeB = waitFor(b);
      outcomes.add(oneWon(db, codeA, codeB, logA, logB, 12, 12, notes, "running " + trial));
    }
    add("a second resume while the search runs", outcomes, notes);
  }

  /** One process finished the search, the other was refused by name, the store is the winner's. */
  private Outcome oneWon(
      Path db,
      int codeA,
      int codeB,
      Path logA,
      Path logB,
      long seedA,
      long seedB,
      List<String> notes,
      String trial)
      throws IOException {
    if ((codeA == 0) == (codeB == 0)) {
      notes.add(trial + ": exit codes " + codeA + " and " + codeB);
      return Outcome.OTHER;
    }
    Path loser = codeA == 0 ? logB : logA;
    String said = Files.readString(loser).strip();
    if ((codeA == 0 ? codeB : codeA) != 2
        || clear(said.replaceFirst("^error: ", ""), db.toString(), notes, trial) == Outcome.OTHER) {
      notes.add(trial + ": the second process said: " + said.lines().findFirst().orElse(""));
      return Outcome.OTHER;
    }
    if (!contents(db).equals(reference(codeA == 0 ? seedA : seedB))) {
      notes.add(trial + ": the store differs from the winner's uninterrupted search");
      return Outcome.OTHER;
    }
    return Outcome.IDENTICAL;
  }

  // ---- bad input -------------------------------------------------------------------------------

  /** A command line and what its one-line error must say. */
  private record Input(String expected, String... args) {}

  private void badInputs() throws Exception {
    Path store = dir.resolve("input.db");
    Path sound = reference(9, "exported");
    Path logs = dir.resolve("logs");
    int exported = Main.run("export", "--store", sound.toString(), "--out", logs.toString());
    if (exported != 0) {
      throw new IllegalStateException("export of " + sound + " failed: " + exported);
    }
    Path negative = dir.resolve("negative.properties");
    Files.writeString(negative, "preset = small\nconvFilters = -16\n");
    Path depths = dir.resolve("depths.properties");
    Files.writeString(depths, "preset = small\nminDepth = 5\nmaxDepth = 3\n");
    Path zero = dir.resolve("zero.db");
    Files.createFile(zero);
    Path empty = dir.resolve("empty.db");
    try (var s = ExperimentStore.open(empty)) {
      s.useSettings(Map.of("seed", 1));
    }
    Path text = dir.resolve("notes.db");
    Files.writeString(text, "not a store\n");
    String noise = "e{gc\u001b[31m" + "9".repeat(5_000);
    String longNet = "\"[" + "C(8,3,1), ".repeat(200_000) + "SM(10)]\"";
    String hugeArchitecture = "[" + "C(8,3,1), ".repeat(100_000) + "\u001b[31mX(2)]";
    int big = Integer.MAX_VALUE;
    List<Input> inputs =
        List.of(
            new Input("--max-depth must be at most 64", "search", "--max-depth", "100000000"),
            new Input(
                "a choice space has at most 64 layers",
                "search",
                "--agent",
                "controller",
                "--choices",
                "100000000:kernel=1"),
            new Input(
                "an epsilon schedule holds at most",
                "search",
                "--schedule",
                "1.0x" + big + ",0.5x" + big + ",0.1x" + big,
                "--store",
                store.toString()),
            new Input("cannot read the schedule stage ''", "search", "--schedule", "1.0x3,,"),
            new Input("--space " + negative, "search", "--space", negative.toString()),
            new Input(
                "--space " + depths,
                "record",
                "--space",
                depths.toString(),
                "--out",
                dir.resolve("t.csv").toString()),
            new Input("row 2: epsilon NaN", importOf(logs, 2, 8, "NaN", store)),
            new Input("row 3: epsilon 7.5 is not in [0, 1]", importOf(logs, 3, 8, "7.5", store)),
            new Input("row 1", importOf(logs, 1, 0, longNet, store)),
            new Input("e{gc\\u001b[31m999", importOf(logs, 1, 8, noise, store)),
            new Input("--architecture", "qan", "--architecture", hugeArchitecture),
            new Input("is a folder", "report", "--store", dir.toString()),
            new Input(
                "/proc/metaqnn4j",
                "search",
                "--store",
                "/proc/metaqnn4j/search.db",
                "--models",
                "1"),
            new Input("is empty (0 bytes)", "resume", "--store", zero.toString()),
            new Input("holds no models yet", "report", "--store", empty.toString()),
            new Input("does not exist", "report", "--store", dir.resolve("missing.db").toString()),
            new Input("is not a metaqnn4j experiment store", "report", "--store", text.toString()),
            new Input("--models must be at least 1, got 0", "search", "--models", "0"),
            new Input("--epochs must be at least 1", "search", "--epochs", "-3"),
            new Input("Unknown options: '--modles'", "search", "--modles", "3"),
            new Input("--delta must be in (0, 1)", "search", "--early-stopping", "--delta", "1"),
            new Input(
                "unknown dataset", "search", "--dataset", "imagenet\u001b[2J", "--models", "1"));
    List<Outcome> outcomes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Input in : inputs) {
      String[] r = runHere(in.args());
      String shown = String.join(" ", in.args());
      shown = shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
      String err = r[1].strip();
      boolean ok =
          r[0].equals("2")
              && err.startsWith("error: ")
              && err.contains(in.expected())
              && err.length() < 600
              && err.lines().count() == 1
              && err.chars().noneMatch(c -> c < 0x20);
      if (!ok) {
        notes.add(
            shown.replaceAll("\\p{Cntrl}", "?")
                + " -> exit "
                + r[0]
                + ", "
                + err.length()
                + " characters: "
                + Echo.of(err, 200));
      }
      outcomes.add(ok ? Outcome.REFUSED : Outcome.OTHER);
      if (ok && example == null) {
        example = err;
      }
      inputsTold.add("  " + shown.replaceAll("\\p{Cntrl}", "?") + "\n    " + Echo.of(err, 300));
    }
    if (Files.exists(store)) {
      notes.add("a refused command left " + store + " behind");
      outcomes.add(Outcome.OTHER);
    }
    if (Files.size(zero) != 0) {
      notes.add("resume wrote into the 0-byte file");
      outcomes.add(Outcome.OTHER);
    }
    add("bad input (" + inputs.size() + " kinds)", outcomes, notes);
  }

  /** The args of an import of {@code logs} with field {@code field} of data row {@code row} set. */
  private String[] importOf(Path logs, int row, int field, String value, Path store)
      throws IOException {
    Path changed = dir.resolve("logs-" + files++);
    Files.createDirectories(changed);
    Files.copy(logs.resolve("q_values.csv"), changed.resolve("q_values.csv"));
    List<String> lines = new ArrayList<>(Files.readAllLines(logs.resolve("replay_database.csv")));
    String line = lines.get(row);
    int close = line.startsWith("\"") ? line.indexOf('"', 1) + 1 : line.indexOf(',');
    List<String> fields = new ArrayList<>();
    fields.add(line.substring(0, close));
    fields.addAll(List.of(line.substring(close + 1).split(",", -1)));
    fields.set(field, value);
    lines.set(row, String.join(",", fields));
    Files.write(changed.resolve("replay_database.csv"), lines);
    return new String[] {
      "import", "--from", changed.toString(), "--space", "small", "--store", store.toString()
    };
  }

  /** Runs the command line in this JVM; returns the exit code and what it printed to stderr. */
  private static String[] runHere(String... args) {
    PrintStream err = System.err;
    PrintStream out = System.out;
    var captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      return new String[] {Integer.toString(code), captured.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
  }
}
