package io.github.metaqnn4j.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The kernel's history in memory, for this session: every stored cell with its execution number,
 * input and text output; looked up by tail, range or glob search, as Jupyter's history requests
 * ask.
 */
final class CellHistory implements HistoryManager {
  /** The session number of this kernel process. */
  static final int SESSION = 1;

  private final List<HistoryEntry> entries = new ArrayList<>();

  /** Records a cell. */
  synchronized void add(int cell, String input, String output) {
    entries.add(new HistoryEntry(SESSION, cell, input, output));
  }

  @Override
  public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
    int n = Math.max(0, Math.min(length, entries.size()));
    return shaped(entries.subList(entries.size() - n, entries.size()), flags);
  }

  @Override
  public synchronized List<HistoryEntry> lookupRange(
      int session, int start, int stop, Set<ResultFlag> flags) {
    List<HistoryEntry> out = new ArrayList<>();
    if (session != 0 && session != SESSION && session != -1) {
      return out; // an earlier session: this kernel keeps none
    }
    for (HistoryEntry e : entries) {
      if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
        out.add(e);
      }
    }
    return shaped(out, flags);
  }

  @Override
  public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
    Pattern glob = glob(pattern == null || pattern.isEmpty() ? "*" : pattern);
    List<HistoryEntry> matches = new ArrayList<>();
    for (HistoryEntry e : entries) {
      if (glob.matcher(e.getInput()).matches()) {
        matches.add(e);
      }
    }
    if (flags.contains(ResultFlag.UNIQUE)) {
      Map<String, HistoryEntry> latest = new LinkedHashMap<>();
      for (HistoryEntry e : matches) {
        latest.remove(e.getInput());
        latest.put(e.getInput(), e);
      }
      matches = new ArrayList<>(latest.values());
    }
    int n = length <= 0 ? matches.size() : Math.min(length, matches.size());
    return shaped(matches.subList(matches.size() - n, matches.size()), flags);
  }

  private static List<HistoryEntry> shaped(List<HistoryEntry> list, Set<ResultFlag> flags) {
    boolean output = flags.contains(ResultFlag.INCLUDE_OUTPUT);
    return list.stream()
        .map(
            e ->
                new HistoryEntry(
                    e.getSession(),
                    e.getCellNumber(),
                    e.getInput(),
                    output ? (e.getOutput() == null ? "" : e.getOutput()) : null))
        .toList();
  }

  /** A glob ({@code *} any text, {@code ?} one character) as a whole-input pattern. */
  private static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
