package io.github.metaqnn4j.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A pair of logs as the original MetaQNN code writes them, for the cifar10 space; the tests that
 * use it work out their expected values from these rows by hand.
 */
public final class OriginalLogs {
  private OriginalLogs() {}

  /**
   * Logs in the original code's layout: pandas' sorted columns, extra columns, dropout in nets,
   * re-sampled nets, the sampling walk's duplicate FC and GAP states, and rows in the order of
   * {@code random} (the original writes a dictionary's order).
   */
  public static void write(Path logs, Random random) throws IOException {
    Files.createDirectories(logs);
    List<String> replay =
        new ArrayList<>(
            List.of(
                "\"[C(64,3,1), C(128,3,1), D(1,2), P(2,2), SM(10)]\",0.71,900.0,0.7,1000.0,-1.0,"
                    + "-1.0,2.0,1.0,1480000100.5,gpu1",
                "\"[C(256,5,1), SM(10)]\",0.62,800.0,0.61,1000.0,-1.0,-1.0,1.0,1.0,1480000000.0,"
                    + "gpu2",
                "\"[C(64,3,1), C(128,3,1), D(1,2), P(2,2), SM(10)]\",0.71,900.0,0.7,1000.0,-1.0,"
                    + "-1.0,3.0,0.9,1480000200.0,gpu1",
                "[SM(10)],0.1,0.0,0.1,0.0,-1.0,-1.0,4.0,0.9,1480000300.0,gpu3",
                "\"[C(64,3,1), GAP(10), SM(10)]\",0.4,700.0,0.39,1000.0,-1.0,-1.0,5.0,0.9,"
                    + "1480000400.25,gpu2",
                "[SM(10)],0.1,0.0,0.1,0.0,-1.0,-1.0,6.0,0.9,1480000500.0,gpu3"));
    Collections.shuffle(replay, random);
    Files.writeString(
        logs.resolve(MetaQnnCsv.REPLAY),
        "net,accuracy_best_val,iter_best_val,accuracy_last_val,iter_last_val,accuracy_best_test,"
            + "accuracy_last_test,ix_q_value_update,epsilon,time_finished,machine_run_on\n"
            + String.join("\n", replay)
            + "\n");
    List<String> q =
        new ArrayList<>(
            List.of(
                // start -> C(64,3,1)
                "0,64,3,8,1,conv,0,0,1,0,0,1,0,8,0,start,0,0,0,0,0.61",
                // C(64,3,1) at depth 1 -> terminate
                "0,64,3,8,2,conv,0,0,1,1,0,64,3,8,1,conv,0,0,1,0,0.55",
                // C(64,3,1) at depth 1 -> P(2,2), keyed by the bucket it lands in: 8 -> 4
                "0,0,2,4,2,pool,0,0,2,0,0,64,3,8,1,conv,0,0,1,0,0.58",
                // FC(512) at depth 5 -> terminate: the canonical form, and the sampling duplicate
                "512,0,0,1,6,fc,0,0,0,1,512,0,0,1,5,fc,0,0,0,0,0.66",
                "512,0,0,4,6,fc,0,0,0,1,512,0,0,4,5,fc,0,0,0,0,0.5",
                // GAP at depth 2 -> terminate: the canonical form, and the sampling duplicate
                "0,0,0,1,3,gap,0,0,0,1,0,0,0,1,2,gap,0,0,0,0,0.47",
                "0,0,0,8,3,gap,0,0,0,1,0,0,0,8,2,gap,0,0,0,0,0.5",
                // start -> P(2,2): not in the paper's space (no initial pooling)
                "0,0,2,8,1,pool,0,0,2,0,0,1,0,8,0,start,0,0,0,0,0.4",
                // start -> GAP
                "0,0,0,1,1,gap,0,0,0,0,0,1,0,8,0,start,0,0,0,0,0.3"));
    Collections.shuffle(q, random);
    Files.writeString(
        logs.resolve(MetaQnnCsv.Q_VALUES),
        "end_fc_size,end_filter_depth,end_filter_size,end_image_size,end_layer_depth,"
            + "end_layer_type,end_split_depth,end_split_width,end_stride,end_terminate,"
            + "start_fc_size,start_filter_depth,start_filter_size,start_image_size,"
            + "start_layer_depth,start_layer_type,start_split_depth,start_split_width,"
            + "start_stride,start_terminate,utility\n"
            + String.join("\n", q)
            + "\n");
  }

  public static void write(Path logs) throws IOException {
    write(logs, new Random(1));
  }
}
