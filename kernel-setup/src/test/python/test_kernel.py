"""The kernel's own behaviour over the real protocol: magics, interrupt, redefinition, errors,
display of the toolkit's objects, and its security (HMAC, loopback).

    JUPYTER_PATH=... METAQNN4J_KERNEL=metaqnn4j /usr/bin/python3 -m unittest -v test_kernel
"""
import os
import sys
import queue
import re
import shutil
import subprocess
import tempfile
import textwrap
import threading
import time
import unittest

from jupyter_client.session import Session

from kernel_client import Kernel, text


def build_maven_repository(root):
    """A file:// Maven repository with demo:greeter:1.0, which depends on demo:words:1.0."""
    src = os.path.join(root, "src")
    os.makedirs(os.path.join(src, "demo"))
    with open(os.path.join(src, "demo", "Words.java"), "w") as f:
        f.write("package demo; public class Words { public static String hello() "
                "{ return \"hello\"; } }")
    with open(os.path.join(src, "demo", "Greeter.java"), "w") as f:
        f.write("package demo; public class Greeter { public static String greet(String who) "
                "{ return Words.hello() + \", \" + who; } }")
    classes = os.path.join(root, "classes")
    subprocess.run(["javac", "--release", "17", "-d", classes,
                    os.path.join(src, "demo", "Words.java"),
                    os.path.join(src, "demo", "Greeter.java")], check=True)
    repo = os.path.join(root, "repo")
    # gson 99.0: an artifact the kernel has in another version (gson-2.x.jar)
    for name, version, cls, deps in (("words", "1.0", "Words", ""),
                                     ("greeter", "1.0", "Greeter",
                                      "<dependencies><dependency><groupId>demo</groupId>"
                                      "<artifactId>words</artifactId><version>1.0</version>"
                                      "</dependency></dependencies>"),
                                     ("gson", "99.0", "Words", "")):
        d = os.path.join(repo, "demo", name, version)
        os.makedirs(d)
        subprocess.run(["jar", "cf", os.path.join(d, f"{name}-{version}.jar"), "-C", classes,
                        f"demo/{cls}.class"], check=True)
        with open(os.path.join(d, f"{name}-{version}.pom"), "w") as f:
            f.write(f"<project><modelVersion>4.0.0</modelVersion><groupId>demo</groupId>"
                    f"<artifactId>{name}</artifactId><version>{version}</version>{deps}"
                    f"</project>")
    return repo


class KernelBehaviour(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="metaqnn4j-kernel-test-")
        cls.repo = build_maven_repository(cls.tmp)
        # %maven caches into a fresh local repository, not the user's ~/.m2
        local = os.path.join(cls.tmp, "m2")
        cls.kernel = Kernel(env={"JAVA_TOOL_OPTIONS": f"-Dmaven.repo.local={local}"})

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ok(self, code, timeout=120):
        reply, outputs = self.kernel.run(code, timeout)
        self.assertEqual(reply["status"], "ok", f"{code!r} failed: {reply} {outputs}")
        return outputs

    def error(self, code, timeout=120):
        reply, outputs = self.kernel.run(code, timeout)
        self.assertEqual(reply["status"], "error", f"{code!r} did not fail: {outputs}")
        errors = [c for kind, c in outputs if kind == "error"]
        self.assertEqual(len(errors), 1)
        return errors[0]

    def result(self, code):
        outputs = self.ok(code)
        results = [c["data"] for kind, c in outputs if kind == "execute_result"]
        self.assertEqual(len(results), 1, f"{code!r}: {outputs}")
        return results[0]

    # ---- magics ------------------------------------------------------------------------------

    def test_maven_resolves_an_artifact_with_its_dependencies(self):
        out = text(self.ok(f"%mavenRepo local file://{self.repo}"))
        self.assertIn("local file://", out)
        out = text(self.ok("%maven demo:greeter:1.0"))
        self.assertIn("greeter-1.0.jar", out)
        # its dependency, unless %jars added that jar before
        self.assertRegex(out, r"words-1\.0\.jar|1 already on the class path")
        self.assertEqual(self.result('demo.Greeter.greet("notebook")')["text/plain"],
                         "hello, notebook")
        out = text(self.ok("%maven demo:greeter:1.0"))
        self.assertIn("added 0 jar(s)", out)

    def test_maven_does_not_mix_versions_with_the_kernels_jars(self):
        self.ok(f"%mavenRepo local file://{self.repo}")
        out = text(self.ok("%maven demo:gson:99.0"))
        self.assertIn("added 0 jar(s)", out)
        self.assertIn("not added", out)
        self.assertRegex(out, r"gson-99\.0\.jar \(the kernel has gson-2[\d.]+\.jar\)")

    def test_library_logging_stays_in_the_kernel_log(self):
        outputs = self.ok('org.slf4j.LoggerFactory.getLogger("io.github.metaqnn4j.test")'
                          '.warn("library noise");\nSystem.out.println("meant for the user");')
        self.assertNotIn("library noise", text(outputs))
        self.assertIn("meant for the user", text(outputs))

    def test_tablesaw_and_xchart_types_are_imported(self):
        self.ok("Table t = Table.create(\"t\", IntColumn.create(\"n\", new int[] {1, 2}));\n"
                "XYChart c = new XYChartBuilder().title(\"x\").build();")
        self.assertEqual(self.result("t.rowCount()")["text/plain"], "2")

    def test_the_kernel_runs_with_the_native_settings(self):
        # kernel-setup/install writes those of scripts/lib/native-settings into kernel.json's env
        self.assertIn("PASSIVE", self.result('System.getenv("OMP_WAIT_POLICY")')["text/plain"])
        self.assertIn("glibc.malloc.arena_max=1",
                      self.result('System.getenv("GLIBC_TUNABLES")')["text/plain"])

    def test_maven_names_what_it_cannot_resolve(self):
        err = self.error(f"%mavenRepo local file://{self.repo}\n%maven demo:missing:9.9")
        self.assertIn("demo:missing:9.9", err["evalue"])
        err = self.error("%maven not-a-coordinate")
        self.assertIn("not a Maven coordinate", err["evalue"])

    def test_jars_classpath_and_load(self):
        jar = os.path.join(self.repo, "demo", "words", "1.0", "words-1.0.jar")
        self.assertIn("words-1.0.jar", text(self.ok(f"%jars {jar}")))
        self.assertEqual(self.result("demo.Words.hello()")["text/plain"], "hello")
        self.assertIn("words-1.0.jar", text(self.ok("%classpath")))
        script = os.path.join(self.tmp, "helpers.jsh")
        with open(script, "w") as f:
            f.write("int twice(int x) { return 2 * x; }\nint loaded = twice(21);\n")
        self.ok(f"%load {script}")
        self.assertEqual(self.result("loaded")["text/plain"], "42")
        err = self.error("%jars /no/such/*.jar")
        self.assertIn("no file matches", err["evalue"])

    def test_time_line_and_cell_magics(self):
        outputs = self.ok("%time Thread.sleep(200)")
        m = re.search(r"Wall time: ([\d.]+) ms", text(outputs))
        self.assertIsNotNone(m, outputs)
        self.assertGreaterEqual(float(m.group(1)), 190)
        outputs = self.ok("%%time\nint t = 20;\nt * 2")
        self.assertIn("Wall time:", text(outputs))
        self.assertIn("40", [c["data"]["text/plain"] for k, c in outputs if k == "execute_result"])

    def test_magic_lines_between_java_lines(self):
        outputs = self.ok("int before = 1;\n%time int middle = before + 1;\nmiddle + 1")
        self.assertIn("Wall time:", text(outputs))
        self.assertEqual([c["data"]["text/plain"] for k, c in outputs if k == "execute_result"],
                         ["3"])

    def test_unknown_magic_is_an_error_naming_the_known_ones(self):
        err = self.error("%nosuch 1")
        self.assertIn("unknown magic %nosuch", err["evalue"])
        self.assertIn("%maven", err["evalue"])

    def test_is_complete_sees_magic_lines(self):
        def is_complete(code):
            return self.kernel.reply(self.kernel.kc.is_complete(code))["status"]
        self.assertEqual(is_complete("%maven a:b:1"), "complete")
        self.assertEqual(is_complete("%time\nfor (int i = 0; i < 2; i++) {"), "incomplete")
        self.assertEqual(is_complete("%%time\nint q = 1;"), "complete")
        self.assertEqual(is_complete("%nosuch"), "invalid")

    def test_inspection_shows_the_toolkits_javadoc(self):
        code = "var s = StateSpace.small"
        reply = self.kernel.reply(self.kernel.kc.inspect(code, len(code)))
        self.assertTrue(reply["found"])
        doc = reply["data"]["text/plain"]
        self.assertIn("StateSpace.Builder StateSpace.small()", doc)
        self.assertIn("A small space whose networks train in seconds", doc)

    def test_a_question_mark_pages_the_documentation(self):
        reply, outputs = self.kernel.run("Search.qLearning?")
        self.assertEqual(reply["status"], "ok")
        pages = [p for p in reply["payload"] if p["source"] == "page"]
        self.assertEqual(len(pages), 1)
        self.assertIn("Starts configuring a Q-learning search", pages[0]["data"]["text/plain"])
        reply, _ = self.kernel.run("%time?")
        self.assertIn("%time code", reply["payload"][0]["data"]["text/plain"])
        err = self.error("NoSuchThing.here?")
        self.assertIn("no documentation found for NoSuchThing.here", err["evalue"])

    # ---- interrupt ---------------------------------------------------------------------------

    def interrupt_after(self, seconds):
        timer = threading.Timer(seconds, self.kernel.km.interrupt_kernel)
        timer.start()
        return timer

    def test_interrupt_stops_an_endless_loop_and_the_kernel_survives(self):
        self.ok("long spins = 0;")
        started = time.monotonic()
        self.interrupt_after(2)
        err = self.error("while (true) { spins++; }", timeout=60)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(err["ename"], "Interrupted")
        self.assertEqual(self.result("spins > 0")["text/plain"], "true")
        self.assertEqual(self.result("1 + 1")["text/plain"], "2")

    def test_one_interrupt_stops_a_loop_that_catches_throwable(self):
        self.ok("long caught = 0;")
        started = time.monotonic()
        self.interrupt_after(2)
        err = self.error("while (true) { try { Thread.sleep(1); } catch (Throwable t) { caught++; } }",
                         timeout=60)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(err["ename"], "Interrupted")
        self.assertEqual(self.result("caught > 0")["text/plain"], "true")
        # interpreted, the loop meets a stop between its tries; compiled, nowhere: then its thread
        # is left running in the background and the kernel answers again
        self.assertEqual(self.result("1 + 1")["text/plain"], "2")

    def test_a_cell_stuck_in_native_code_is_left_running_and_the_kernel_answers(self):
        fifo = os.path.join(self.tmp, "fifo")
        os.mkfifo(fifo)
        started = time.monotonic()
        self.interrupt_after(1)
        # opening a FIFO for reading waits in native code until a writer comes
        err = self.error(f'new java.io.FileInputStream("{fifo}").read();', timeout=60)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(err["ename"], "Interrupted")
        self.assertIn("runs on in the background", err["evalue"])
        self.assertEqual(self.result("1 + 1")["text/plain"], "2")
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # lets the thread meet its stop

    def test_a_thread_left_running_by_a_cell_does_not_hold_up_the_next(self):
        self.ok("var sleeper = new Thread(() -> {\n"
                "  try { Thread.sleep(60_000); } catch (InterruptedException e) { }\n"
                "}); sleeper.start();")
        started = time.monotonic()
        self.assertEqual(self.result("1 + 1")["text/plain"], "2")
        self.assertLess(time.monotonic() - started, 20)
        self.ok("sleeper.interrupt();")

    def test_interrupt_while_the_cell_still_compiles(self):
        kc = self.kernel.kc
        started = time.monotonic()
        msg_id = kc.execute("class Busy { static void loop() { while (true) { } } }\n"
                            "Busy.loop();")
        while True:  # the cell has begun: its input is published before JShell compiles it
            msg = kc.get_iopub_msg(timeout=60)
            if (msg["parent_header"].get("msg_id") == msg_id
                    and msg["msg_type"] == "execute_input"):
                break
        self.kernel.km.interrupt_kernel()
        reply, outputs = self.kernel.collect(msg_id, timeout=60)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")

    def test_interrupt_stops_a_sleeping_cell(self):
        started = time.monotonic()
        self.interrupt_after(1)
        err = self.error("Thread.sleep(600_000);", timeout=60)
        self.assertLess(time.monotonic() - started, 30)
        self.assertEqual(err["ename"], "Interrupted")

    def test_an_interrupted_search_keeps_its_models(self):
        self.ok("var slow = SyntheticEvaluator.of(a -> 0.5);")
        self.interrupt_after(3)
        err = self.error(
            "var interrupted = Search.qLearning(StateSpace.small().maxDepth(2).build())\n"
            "    .evaluator((a, c) -> { try { Thread.sleep(300); }\n"
            "        catch (InterruptedException e) { Thread.currentThread().interrupt(); }\n"
            "        return slow.evaluate(a, c); })\n"
            "    .schedule(EpsilonSchedule.paper().scaledTo(30)).quiet().run();", timeout=60)
        self.assertEqual(err["ename"], "Interrupted")
        self.assertEqual(self.result("interrupted.status()")["text/plain"], "INTERRUPTED")
        kept = int(self.result("interrupted.history().size()")["text/plain"])
        self.assertGreater(kept, 3, "the models trained before the interrupt are kept")

    # ---- output ------------------------------------------------------------------------------

    def test_fast_printing_loses_nothing_and_is_coalesced(self):
        reply, outputs = self.kernel.run(
            "for (int i = 0; i < 100_000; i++) System.out.println(i);", timeout=120)
        self.assertEqual(reply["status"], "ok")  # run() returned: the final idle was seen
        streams = [c for kind, c in outputs if kind == "stream"]
        lines = "".join(c["text"] for c in streams).splitlines()
        self.assertEqual(lines, [str(i) for i in range(100_000)])
        self.assertLess(len(streams), 1000, f"{len(streams)} stream messages")
        print(f"\n100,000 printlns: {len(lines)} lines received in {len(streams)} messages",
              file=sys.stderr)

    def test_background_threads_print_into_their_cell(self):
        msg_id = self.kernel.kc.execute(
            "new Thread(() -> {\n"
            "  try { Thread.sleep(300); } catch (InterruptedException e) { }\n"
            "  System.out.println(\"later, from a thread\");\n"
            "  throw new IllegalStateException(\"thread failed\");\n"
            "}, \"worker-1\").start();")
        reply, outputs = self.kernel.collect(msg_id, timeout=60)
        self.assertEqual(reply["status"], "ok")
        deadline = time.monotonic() + 10
        later = []
        while time.monotonic() < deadline and "thread failed" not in "".join(later):
            try:
                msg = self.kernel.kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                later.append(msg["content"]["text"])
        text_after = "".join(later)
        self.assertIn("later, from a thread", text_after)
        self.assertIn('Exception in thread "worker-1" java.lang.IllegalStateException: '
                      "thread failed", text_after)

    def test_the_readmes_kernel_blocks_run(self):
        root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
        with open(os.path.join(root, "README.md")) as f:
            blocks = re.findall(r"```java kernel\n(.*?)```", f.read(), re.S)
        self.assertGreaterEqual(len(blocks), 3)
        kinds = []
        for block in blocks:
            outputs = self.ok(block, timeout=300)
            kinds += [key for kind, c in outputs if kind in ("display_data", "execute_result")
                      for key in c["data"]]
        self.assertIn("image/svg+xml", kinds)
        self.assertIn("text/html", kinds)
        rows = self.result('render(ExperimentReport.of(result).table(), Map.of("rows", 100))')
        self.assertEqual(rows["text/html"].count("<tr>"), 101)  # header + 100 rows

    def test_a_trailing_semicolon_shows_no_result(self):
        outputs = self.ok('display("shown");')
        self.assertEqual([k for k, c in outputs if k == "execute_result"], [])
        self.assertEqual(len([k for k, c in outputs if k == "display_data"]), 1)

    # ---- redefinition ------------------------------------------------------------------------

    def test_redefining_methods_and_classes_keeps_state(self):
        self.ok("int counter = 5;\nint bump(int x) { return x + 1; }")
        self.assertEqual(self.result("bump(counter)")["text/plain"], "6")
        self.ok("int bump(int x) { return x + 10; }")
        self.assertEqual(self.result("bump(counter)")["text/plain"], "15")
        self.ok("record Point(int x, int y) { int sum() { return x + y; } }\n"
                "var p = new Point(1, 2);")
        self.ok("record Point(int x, int y) { int sum() { return 100 * (x + y); } }")
        self.assertEqual(self.result("new Point(1, 2).sum()")["text/plain"], "300")
        self.assertEqual(self.result("counter")["text/plain"], "5")

    def test_mutually_dependent_classes_in_one_cell(self):
        self.ok(textwrap.dedent("""\
            class Tree { List<Leaf> leaves = new ArrayList<>(); }
            class Leaf { Tree owner; Leaf(Tree t) { owner = t; t.leaves.add(this); } }
            var tree = new Tree();
            new Leaf(tree);
            """))
        self.assertEqual(self.result("tree.leaves.size()")["text/plain"], "1")

    def test_forward_reference_is_a_note_not_an_error(self):
        outputs = self.ok("int first() { return second() + 1; }")
        self.assertIn("second()", text(outputs, "stderr"))
        self.ok("int second() { return 41; }")
        self.assertEqual(self.result("first()")["text/plain"], "42")

    # ---- errors ------------------------------------------------------------------------------

    def test_compile_error_names_the_cell_line(self):
        err = self.error('int a = 1;\nint b = 2;\nString c = a + b;')
        self.assertEqual(err["ename"], "CompilationFailed")
        self.assertIn("cell line 3", err["evalue"])
        self.assertIn("String c = a + b;", "\n".join(err["traceback"]))

    def test_runtime_exception_shows_a_trimmed_trace_with_cell_lines(self):
        err = self.error('void fail() {\n  throw new IllegalArgumentException("bad");\n}\n'
                         'int x = 0;\nfail();')
        self.assertEqual(err["ename"], "ExceptionInCell")
        self.assertIn("java.lang.IllegalArgumentException: bad", err["evalue"])
        trace = "\n".join(err["traceback"])
        self.assertIn("fail (line 2)", trace)
        self.assertLess(len(err["traceback"]), 45)

    def test_stack_overflow_is_survived(self):
        err = self.error("int down(int n) { return down(n + 1) + 1; }\ndown(0)")
        self.assertIn("StackOverflowError", err["evalue"])
        self.assertRegex("\n".join(err["traceback"]), r"\(\d+ times\)")
        self.assertEqual(self.result("2 + 2")["text/plain"], "4")

    def test_system_exit_in_a_cell_does_not_end_the_kernel(self):
        self.ok("int survivor = 11;")
        err = self.error("System.exit(3);")
        self.assertIn("SecurityException", err["evalue"])
        self.assertIn("System.exit would end the kernel", err["evalue"])
        err = self.error("Runtime.getRuntime().halt(5);")
        self.assertIn("Runtime.halt would end the kernel", err["evalue"])
        err = self.error("var t = new Thread(() -> Runtime.getRuntime().halt(4));\n"
                         "t.start(); t.join();\n"
                         "throw new IllegalStateException(\"halt refused\");")
        self.assertIn("halt refused", err["evalue"])
        err = self.error("System.setSecurityManager(null); System.exit(0);")
        self.assertIn("SecurityException", err["evalue"])
        self.assertIn("would let System.exit end the kernel", err["evalue"])
        self.assertEqual(self.result("survivor")["text/plain"], "11")

    # ---- display -----------------------------------------------------------------------------

    def test_toolkit_objects_render(self):
        table = self.result('tech.tablesaw.api.Table.create("t", '
                            'tech.tablesaw.api.IntColumn.create("n", new int[600]))')
        self.assertIn("<table", table["text/html"])
        self.assertIn("600 rows", table["text/html"])
        self.assertLess(table["text/html"].count("<tr>"), 120)   # a row limit
        chart = self.result("new org.knowm.xchart.XYChartBuilder().title(\"c\").build()")
        self.assertTrue(chart["image/png"].startswith("iVBOR"))  # base64 of a PNG
        outputs = self.ok('display(new org.knowm.xchart.XYChartBuilder().title("s").build(), '
                          '"image/svg+xml")')
        svgs = [c["data"]["image/svg+xml"] for k, c in outputs if k == "display_data"]
        self.assertEqual(len(svgs), 1)
        self.assertIn("<svg", svgs[0])
        space = self.result("StateSpace.small().build()")
        self.assertIn("State space", space["text/html"])

    def test_a_search_shows_live_progress_and_a_chart(self):
        outputs = self.ok(
            "var live = Search.qLearning(StateSpace.small().build())"
            ".evaluator(SyntheticEvaluator.of(a -> 0.5 + 0.05 * a.count(\"C\")))"
            ".schedule(EpsilonSchedule.start(1.0, 30)).seed(3).run();")
        shown = [c for k, c in outputs if k == "display_data"]
        updates = [c for k, c in outputs if k == "update_display_data"]
        ids = {c["transient"]["display_id"] for c in shown}
        self.assertTrue(any(i.startswith("metaqnn4j-progress") for i in ids), ids)
        self.assertTrue(any(i.startswith("metaqnn4j-chart") for i in ids), ids)
        progress = [c for c in updates if c["transient"]["display_id"].startswith(
            "metaqnn4j-progress")]
        self.assertIn("30/30 models", progress[-1]["data"]["text/plain"])
        self.assertIn("image/png", [m for c in shown + updates for m in c["data"]])

    def test_the_live_display_shows_each_stop(self):
        outputs = self.ok(
            "var stopping = Search.qLearning(StateSpace.small().build())"
            ".evaluator(SyntheticEvaluator.of(a -> 0.3 + 0.05 * a.count(\"C\")).epochs(6))"
            ".schedule(EpsilonSchedule.start(1.0, 40)).seed(3)"
            ".earlyStopping(EarlyStopping.median().warmUp(5)).run();")
        updates = [c for k, c in outputs if k == "update_display_data"]
        progress = [c for c in updates if c["transient"]["display_id"].startswith(
            "metaqnn4j-progress")]
        text = progress[-1]["data"]["text/plain"]
        self.assertRegex(text, r"40/40 models .* \d+ stopped early")
        self.assertIn("last stop: iteration", text)
        self.assertIn("below the median", text)

    def test_clear_output_from_a_cell(self):
        outputs = self.ok('System.out.println("one"); clearOutput(); System.out.println("two");')
        kinds = [k for k, _ in outputs]
        self.assertIn("clear_output", kinds)
        self.assertLess(kinds.index("clear_output"), len(kinds) - 1)
        self.assertEqual(text(outputs[kinds.index("clear_output"):]), "two\n")


class KernelSecurity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kernel = Kernel()

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def test_messages_with_a_bad_signature_are_rejected_and_the_kernel_goes_on(self):
        kc = self.kernel.kc
        self.kernel.drain_shell()
        forger = Session(key=b"not-the-kernel-key", username=kc.session.username)
        for channel in (kc.shell_channel, kc.control_channel):
            forger.send(channel.socket, "execute_request" if channel is kc.shell_channel
                        else "kernel_info_request",
                        {"code": "System.out.println(\"forged\")", "silent": False}
                        if channel is kc.shell_channel else {})
        unexpected = self.kernel.shell_messages_within(3)
        self.assertEqual(unexpected, [], "the kernel answered a forged message")
        reply, outputs = self.kernel.run("1 + 2")
        self.assertEqual(reply["status"], "ok")
        self.assertNotIn("forged", text(outputs))
        info = self.kernel.reply(kc.kernel_info())
        self.assertEqual(info["language_info"]["name"], "java")

    def test_listens_on_loopback_only(self):
        info = self.kernel.km.get_connection_info()
        self.assertEqual(info["ip"], "127.0.0.1")
        ports = {info[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port",
                                   "hb_port")}
        listening = {}
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            if not os.path.exists(table):
                continue
            with open(table) as f:
                for line in f.readlines()[1:]:
                    local, state = line.split()[1], line.split()[3]
                    address, port = local.split(":")
                    if state == "0A" and int(port, 16) in ports:   # 0A: LISTEN
                        listening.setdefault(int(port, 16), set()).add(address)
        self.assertEqual(set(listening), ports)
        for port, addresses in listening.items():
            # 127.0.0.1, as IPv4 or as an IPv4-mapped IPv6 address (::ffff:127.0.0.1)
            self.assertLessEqual(addresses, {"0100007F", "0000000000000000FFFF00000100007F"},
                                 f"port {port} listens on {addresses}")


class TerminalLauncher(unittest.TestCase):
    """kernel-setup/jshell: the toolkit and its imports in JShell, tables as text, charts as files
    in the directory it was started in (no display here)."""

    def test_tables_print_and_charts_are_saved(self):
        root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
        with tempfile.TemporaryDirectory() as work:
            script = os.path.join(work, "try.jsh")
            with open(script, "w") as f:
                f.write('show(tech.tablesaw.api.Table.create("tiny", '
                        'tech.tablesaw.api.IntColumn.create("a", 7, 8)));\n'
                        'show(new org.knowm.xchart.XYChartBuilder().title("try").build());\n'
                        'System.out.println(StateSpace.small().build().describe().states());\n'
                        '/exit\n')
            env = dict(os.environ)
            env.pop("DISPLAY", None)
            done = subprocess.run([os.path.join(root, "kernel-setup", "jshell"), script],
                                  cwd=work, env=env, capture_output=True, text=True,
                                  timeout=300)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn("tiny", done.stdout)
            self.assertRegex(done.stdout, r"\n\s*7\s*\|")
            self.assertIn("chart is saved as charts/chart-1-try.png", done.stdout)
            self.assertTrue(os.path.isfile(os.path.join(work, "charts", "chart-1-try.png")))


if __name__ == "__main__":
    unittest.main()
