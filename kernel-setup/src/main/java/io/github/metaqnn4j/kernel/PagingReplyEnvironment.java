package io.github.metaqnn4j.kernel;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;

/**
 * The reply environment of one request, able to send a page (help text for the front end's pager)
 * with a cell's execute reply: JJava's execute reply has no payload, so a page set during the cell
 * is added when the reply leaves.
 */
final class PagingReplyEnvironment extends ShellReplyEnvironment {
  private volatile String page;

  PagingReplyEnvironment(
      ShellChannel shell, StdinChannel stdin, JupyterSocket iopub, MessageContext context) {
    super(shell, stdin, iopub, context);
  }

  /** Sends {@code text} to the pager with this request's execute reply. */
  void page(String text) {
    this.page = text;
  }

  @Override
  public void reply(Message<?> message) {
    String text = page;
    if (text != null
        && message.getContent() instanceof ExecuteReply r
        && r.getStatus() == ExecuteReply.Status.OK) {
      page = null;
      @SuppressWarnings("unchecked")
      Message<ExecuteReply> m = (Message<ExecuteReply>) message;
      super.reply(
          new Message<>(
              m.getIdentities(),
              m.getHeader(),
              m.getParentHeader(),
              m.getMetadata(),
              new Replies.PagedExecute(r.getExecutionCount(), text),
              m.getBlobs()));
      return;
    }
    super.reply(message);
  }
}
