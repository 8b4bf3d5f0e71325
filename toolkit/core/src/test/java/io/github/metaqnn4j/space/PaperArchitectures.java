package io.github.metaqnn4j.space;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The published architectures of paper-architectures.txt, as (dataset, text) rows. */
final class PaperArchitectures {
  record Row(String dataset, String text) {}

  private PaperArchitectures() {}

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    try (var in = PaperArchitectures.class.getResourceAsStream("paper-architectures.txt");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 2);
        rows.add(new Row(parts[0], parts[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
