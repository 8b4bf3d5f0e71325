package io.github.metaqnn4j.cli;

import io.github.metaqnn4j.search.Epoch;
import io.github.metaqnn4j.search.ModelRecord;
import io.github.metaqnn4j.search.Search;
import io.github.metaqnn4j.search.SearchListener;
import io.github.metaqnn4j.search.SearchResult;
import io.github.metaqnn4j.space.Architecture;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar: models done, current epsilon (or "controller"), best accuracy so far,
 * ETA.
 */
final class ProgressDisplay implements SearchListener {
  private final int total;
  private ProgressBar bar;
  private double best;
  private boolean controller;

  ProgressDisplay(int total) {
    this.total = total;
  }

  @Override
  public void searchStarted(Search search) {
    controller = search.controllers().isPresent();
    open(search.modelsDone());
  }

  private void open(int done) {
    if (bar == null) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("models")
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(500)
              .build();
      bar.stepTo(done);
    }
  }

  @Override
  public synchronized void epochFinished(int iteration, Architecture architecture, Epoch epoch) {
    open(0);
    bar.setExtraMessage(
        String.format(
            Locale.ROOT,
            " it %d epoch %d acc %.3f | best %.3f",
            iteration,
            epoch.index(),
            epoch.validationAccuracy(),
            best));
  }

  @Override
  public synchronized void modelFinished(ModelRecord r) {
    open(0);
    best = Math.max(best, r.reward());
    if (!r.reused()) {
      bar.step();
    }
    r.stopNote().ifPresent(note -> System.err.println("\r" + note));
    String designer =
        controller ? "controller" : String.format(Locale.ROOT, "eps %.1f", r.epsilon());
    bar.setExtraMessage(String.format(Locale.ROOT, " %s | best %.3f", designer, best));
  }

  @Override
  public void searchFinished(SearchResult result) {
    if (bar != null) {
      bar.close();
    }
  }
}
