package io.github.metaqnn4j.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import io.github.metaqnn4j.data.Splits;
import io.github.metaqnn4j.search.Provenance;
import io.github.metaqnn4j.space.StateSpace;
import io.github.metaqnn4j.tabular.CurveRecorder;
import io.github.metaqnn4j.tabular.CurveTable;
import io.github.metaqnn4j.train.CpuAcceleration;
import io.github.metaqnn4j.train.Dl4jEvaluator;
import io.github.metaqnn4j.train.TrainingScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Records a tabular benchmark: every architecture of a small space trained once, its learning curve
 * (validation and test accuracy per epoch) appended to a CSV table, and the recording's provenance
 * (command, seed, toolkit version, data checksums) in a JSON file beside it. Run it again after an
 * interruption and it continues.
 */
@Command(
    name = "record",
    description =
        "Trains every architecture of a small space and records the learning curves (a tabular"
            + " benchmark); resumes an interrupted recording.")
final class RecordCommand implements Callable<Integer> {
  @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "As for search.")
  String dataset;

  @Option(names = "--space", defaultValue = "small", description = "As for search.")
  String space;

  @Option(names = "--max-depth", description = "Overrides the space's depth limit.")
  Integer maxDepth;

  @Option(
      names = "--epochs",
      defaultValue = "15",
      description = "Epochs per model (${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch", defaultValue = "64", description = "Batch size (${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--subsample",
      defaultValue = "3000",
      description = "Training + validation images (${DEFAULT-VALUE}).")
  int subsample;

  @Option(
      names = "--validation",
      defaultValue = "1000",
      description = "Validation images (${DEFAULT-VALUE}).")
  int validation;

  @Option(names = "--test", defaultValue = "2000", description = "Test images (${DEFAULT-VALUE}).")
  int test;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      description = "The CSV table (JSON provenance beside it).")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Checks.atLeastIfGiven(spec, "--max-depth", maxDepth, 1);
    Checks.atMostIfGiven(spec, "--max-depth", maxDepth, Checks.MOST_DEPTH, Checks.DEPTH_REASON);
    Checks.atLeast(spec, "--epochs", epochs, 1);
    Checks.atLeast(spec, "--batch", batch, 1);
    Checks.atLeast(spec, "--validation", validation, 1);
    Checks.atLeast(spec, "--subsample", subsample, validation + 1);
    Checks.atLeast(spec, "--test", test, 1);
    DataChoice data = new DataChoice(dataset, validation, subsample, seed, test);
    data.spec(); // a wrong name fails here, before anything loads
    SpaceSpec.check(spec, space, maxDepth); // every space-file check, before ND4J or the data
    StateSpace.Builder preset = SpaceSpec.resolve(space);
    System.err.println("Backend: " + CpuAcceleration.ensure().summary());
    Splits splits = data.load();
    preset = preset.imageSize(splits.imageSize()).classes(splits.classes());
    if (maxDepth != null) {
      preset = preset.maxDepth(maxDepth);
    }
    StateSpace stateSpace = preset.build();
    TrainingScheme scheme = TrainingScheme.paper().epochs(epochs).batchSize(batch);
    Dl4jEvaluator evaluator = Dl4jEvaluator.on(splits).scheme(scheme).testEachEpoch();
    int total = stateSpace.graph().architectures(CurveRecorder.MAX_ARCHITECTURES).size();
    System.err.printf(
        "Recording %d architectures of %s, %d epochs each, into %s%n",
        total, stateSpace.name(), epochs, out);
    writeProvenance(stateSpace, scheme, splits, evaluator);
    long start = System.nanoTime();
    CurveTable table;
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("architectures")
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(1000)
            .build()) {
      table =
          CurveRecorder.of(stateSpace, evaluator)
              .seed(seed)
              .to(out)
              .progress(
                  c -> {
                    bar.step();
                    bar.setExtraMessage(
                        String.format(
                            Locale.ROOT,
                            " %s %.3f",
                            c.curve().architecture(),
                            c.curve().finalAccuracy()));
                  })
              .run();
    }
    System.err.printf(
        "%d architectures in %s (%.0f s this run)%n",
        table.size(), out, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private void writeProvenance(
      StateSpace stateSpace, TrainingScheme scheme, Splits splits, Dl4jEvaluator evaluator) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("command", "scripts/metaqnn4j " + String.join(" ", commandLine()));
    meta.put("seed", seed);
    meta.put("recorded", Instant.now().toString());
    meta.put("space", stateSpace.settings());
    meta.put("training", scheme);
    meta.put("data", splits.toString());
    meta.put("provenance", Provenance.of(evaluator));
    Path json =
        out.resolveSibling(out.getFileName().toString().replaceFirst("\\.csv$", "") + ".json");
    var gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    try {
      if (Files.isRegularFile(out) && Files.isRegularFile(json)) {
        sameRecording(gson, meta, json); // resuming: the table must go on as it began
      }
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Files.writeString(json, gson.toJson(meta) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
    }
  }

  /** Refuses to go on with a table recorded with another seed, space, scheme or data. */
  private void sameRecording(Gson gson, Map<String, Object> meta, Path json) throws IOException {
    var before = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    for (String key : List.of("seed", "space", "training", "data")) {
      if (!gson.toJsonTree(meta.get(key)).equals(before.get(key))) {
        throw new IllegalArgumentException(
            out
                + " was recorded with another "
                + key
                + " ("
                + before.get(key)
                + "); resume it with its own command ("
                + json
                + ") or write to another file");
      }
    }
  }

  private List<String> commandLine() {
    return List.of(
            "record",
            "--dataset",
            dataset,
            "--space",
            space,
            maxDepth == null ? "" : "--max-depth " + maxDepth,
            "--epochs",
            Integer.toString(epochs),
            "--batch",
            Integer.toString(batch),
            "--subsample",
            Integer.toString(subsample),
            "--validation",
            Integer.toString(validation),
            "--test",
            Integer.toString(test),
            "--seed",
            Long.toString(seed),
            "--out",
            out.toString())
        .stream()
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
