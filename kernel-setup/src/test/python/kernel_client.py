"""A small client of the metaqnn4j kernel over the real Jupyter protocol, for the tests and the
latency benchmark: starts the installed kernel spec (METAQNN4J_KERNEL, default "metaqnn4j") and
runs cells, collecting what they publish."""
import os
import queue
import time

from jupyter_client.manager import start_new_kernel

KERNEL = os.environ.get("METAQNN4J_KERNEL", "metaqnn4j")
OUTPUT_TYPES = {"stream", "execute_result", "error", "display_data", "update_display_data",
                "clear_output"}


class Kernel:
    """A running kernel and a client connected to it."""

    def __init__(self, env=None, startup_timeout=180):
        started = time.monotonic()
        kernel_env = dict(os.environ)
        kernel_env.update(env or {})
        self.km, self.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=startup_timeout,
                                            env=kernel_env)
        self.ready_seconds = time.monotonic() - started

    def run(self, code, timeout=120):
        """Executes a cell; returns (reply content, [(msg_type, content), ...] published)."""
        msg_id = self.kc.execute(code)
        return self.collect(msg_id, timeout)

    def collect(self, msg_id, timeout=120):
        deadline = time.monotonic() + timeout
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status" and msg["content"]["execution_state"] == "idle":
                break
            if kind in OUTPUT_TYPES:
                outputs.append((kind, msg["content"]))
        return self.reply(msg_id, max(1, deadline - time.monotonic())), outputs

    def reply(self, msg_id, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]

    def shell_messages_within(self, seconds):
        """The types of the shell messages that arrive within the next seconds."""
        found = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                found.append(self.kc.get_shell_msg(timeout=deadline - time.monotonic())
                             ["msg_type"])
            except queue.Empty:
                break
        return found

    def drain_shell(self):
        """Drops the shell messages already waiting (e.g. replies to start-up requests)."""
        self.shell_messages_within(0.5)

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def text(outputs, name=None):
    """The stream text of outputs (of one stream when name is given)."""
    return "".join(c["text"] for kind, c in outputs
                   if kind == "stream" and (name is None or c["name"] == name))
