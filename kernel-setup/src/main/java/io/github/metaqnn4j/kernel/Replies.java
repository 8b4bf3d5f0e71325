package io.github.metaqnn4j.kernel;

import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies with the {@code "status": "ok"} field that Jupyter's message specification requires of
 * every reply and JJava's kernel_info and history replies leave out (the official conformance suite
 * rejects them without it).
 */
final class Replies {
  /** The protocol version the kernel speaks. */
  static final String PROTOCOL_VERSION = "5.3";

  private Replies() {}

  /** A kernel_info_reply with its status. */
  static final class KernelInfo extends KernelInfoReply {
    @SuppressWarnings("unused") // serialised by Gson
    private final String status = "ok";

    KernelInfo(
        String implementation,
        String version,
        LanguageInfo language,
        String banner,
        List<HelpLink> links) {
      super(PROTOCOL_VERSION, implementation, version, language, banner, links);
    }
  }

  /**
   * A history_reply with its status, its entries as the specification writes them: {@code [session,
   * line, input]}, or {@code [session, line, [input, output]]} when output was asked for (JJava's
   * own reply writes them as objects).
   */
  static final class History implements ContentType<History> {
    @SuppressWarnings("unused") // serialised by Gson
    private final String status = "ok";

    @SuppressWarnings("unused") // serialised by Gson
    private final List<List<Object>> history;

    History(List<HistoryEntry> entries, boolean withOutput) {
      this.history =
          entries.stream()
              .map(
                  e ->
                      List.<Object>of(
                          e.getSession(),
                          e.getCellNumber(),
                          withOutput
                              ? List.of(e.getInput(), e.getOutput() == null ? "" : e.getOutput())
                              : e.getInput()))
              .toList();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public MessageType<History> getType() {
      return (MessageType) HistoryReply.MESSAGE_TYPE;
    }
  }

  /**
   * An execute_reply that carries a page for the front end's pager (what {@code x?} shows), in the
   * {@code payload} field of the specification.
   */
  static final class PagedExecute extends ExecuteReply {
    @SuppressWarnings("unused") // serialised by Gson
    private final List<Map<String, Object>> payload;

    PagedExecute(int executionCount, String text) {
      super(executionCount, Map.of());
      this.payload =
          List.of(Map.of("source", "page", "data", Map.of("text/plain", text), "start", 0));
    }
  }
}
