"""The kernel's scripts build only when a source changed, and say so (with a stand-in for mvn that
records its calls, so that the test builds nothing)."""
import os
import shutil
import subprocess
import tempfile
import time
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
STAMP = os.path.join(ROOT, "kernel-setup", "target", "jshell.cp")
SOURCE = os.path.join(ROOT, "kernel-setup", "src", "main", "kernel", "kernel.jsh")

# like maven-dependency-plugin, it leaves a class path file that would not change as it was
FAKE_MVN = """#!/usr/bin/env bash
echo "$*" >> "$MVN_CALLS"
for a in "$@"; do
  case "$a" in -Dmdep.outputFile=*) f="${a#-Dmdep.outputFile=}"; [ -f "$f" ] || echo "fake" > "$f" ;; esac
done
"""


class BuildIfStaleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        os.makedirs(os.path.dirname(STAMP), exist_ok=True)
        self.saved = open(STAMP).read() if os.path.exists(STAMP) else None
        self.source_times = os.stat(SOURCE)
        mvn = os.path.join(self.tmp, "mvn")
        with open(mvn, "w") as f:
            f.write(FAKE_MVN)
        os.chmod(mvn, 0o755)
        self.calls = os.path.join(self.tmp, "calls")
        self.env = dict(os.environ, PATH=self.tmp + os.pathsep + os.environ["PATH"],
                        MVN_CALLS=self.calls)

    def tearDown(self):
        os.utime(SOURCE, (self.source_times.st_atime, self.source_times.st_mtime))
        if self.saved is None:
            os.remove(STAMP)
        else:
            with open(STAMP, "w") as f:
                f.write(self.saved)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_script(self):
        return subprocess.run([os.path.join(ROOT, "kernel-setup", "build-if-stale")],
                              env=self.env, capture_output=True, text=True, check=True)

    def mvn_calls(self):
        return open(self.calls).read().splitlines() if os.path.exists(self.calls) else []

    def test_nothing_changed_nothing_built(self):
        with open(STAMP, "w") as f:
            f.write(self.saved or "class path")
        later = time.time() + 5
        os.utime(STAMP, (later, later))
        out = self.run_script()
        self.assertEqual(self.mvn_calls(), [])
        self.assertEqual(out.stderr, "")

    def test_a_changed_source_is_built_and_named(self):
        with open(STAMP, "w") as f:
            f.write(self.saved or "class path")
        now = time.time()
        os.utime(STAMP, (now - 30, now - 30))
        os.utime(SOURCE, (now - 5, now - 5))  # changed after the last build
        out = self.run_script()
        self.assertIn("Building metaqnn4j: ", out.stderr)
        self.assertIn("changed since the last build", out.stderr)
        calls = self.mvn_calls()
        self.assertEqual(len(calls), 2, calls)
        self.assertIn("install", calls[0])
        self.assertIn("dependency:build-classpath", calls[1])
        self.run_script()  # built: the second run builds nothing
        self.assertEqual(len(self.mvn_calls()), 2)


class NativeSettingsTest(unittest.TestCase):
    """scripts/metaqnn4j starts Java with scripts/lib/native-settings' environment for the engine
    its command line asks for (a stand-in java prints what it was given)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        java = os.path.join(self.tmp, "java")
        with open(java, "w") as f:
            f.write('#!/usr/bin/env bash\n'
                    'echo "GLIBC_TUNABLES=${GLIBC_TUNABLES:-}"\n'
                    'echo "OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-}"\n'
                    'echo "ONEDNN_MAX_CPU_ISA=${ONEDNN_MAX_CPU_ISA:-}"\n')
        os.chmod(java, 0o755)
        with open(os.path.join(self.tmp, "mvn"), "w") as f:
            f.write(FAKE_MVN)  # the command line is built by the test command already
        os.chmod(os.path.join(self.tmp, "mvn"), 0o755)
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("GLIBC_TUNABLES", "OMP_WAIT_POLICY", "ONEDNN_MAX_CPU_ISA",
                                 "METAQNN4J_NATIVE_SETTINGS")}
        self.env.update(PATH=self.tmp + os.pathsep + os.environ["PATH"],
                        MVN_CALLS=os.path.join(self.tmp, "calls"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def settings(self, *args, **env):
        out = subprocess.run([os.path.join(ROOT, "scripts", "metaqnn4j"), *args],
                             env=dict(self.env, **env), capture_output=True, text=True, check=True)
        return dict(line.split("=", 1) for line in out.stdout.splitlines())

    def test_deeplearning4j_gets_one_malloc_arena_and_sleeping_openmp_threads(self):
        s = self.settings("search", "--models", "3")
        self.assertIn("glibc.malloc.arena_max=1", s["GLIBC_TUNABLES"])
        self.assertIn("glibc.malloc.trim_threshold=", s["GLIBC_TUNABLES"])
        self.assertEqual(s["OMP_WAIT_POLICY"], "PASSIVE")
        self.assertEqual(s["ONEDNN_MAX_CPU_ISA"], "", "Deeplearning4j's own oneDNN is left as it is")

    def test_pytorch_gets_the_malloc_settings_and_spinning_openmp_threads(self):
        for args in (["search", "--engine", "pytorch"], ["search", "--engine=pytorch"]):
            s = self.settings(*args)
            self.assertIn("glibc.malloc.arena_max=1", s["GLIBC_TUNABLES"])
            self.assertEqual(s["OMP_WAIT_POLICY"], "", args)
            self.assertEqual(s["ONEDNN_MAX_CPU_ISA"], "AVX2_VNNI", args)

    def test_what_the_user_set_is_kept_and_off_sets_nothing(self):
        s = self.settings("search", OMP_WAIT_POLICY="ACTIVE", GLIBC_TUNABLES="glibc.malloc.arena_max=4")
        self.assertEqual(s, {"GLIBC_TUNABLES": "glibc.malloc.arena_max=4", "OMP_WAIT_POLICY": "ACTIVE",
                             "ONEDNN_MAX_CPU_ISA": ""})
        s = self.settings("search", "--engine", "pytorch", ONEDNN_MAX_CPU_ISA="AVX512_CORE")
        self.assertEqual(s["ONEDNN_MAX_CPU_ISA"], "AVX512_CORE")
        s = self.settings("search", "--engine", "pytorch", METAQNN4J_NATIVE_SETTINGS="off")
        self.assertEqual(s, {"GLIBC_TUNABLES": "", "OMP_WAIT_POLICY": "", "ONEDNN_MAX_CPU_ISA": ""})


class TerminalWalkthrough(unittest.TestCase):
    def test_the_jshell_script_does_what_notebook_3_does(self):
        work = tempfile.mkdtemp()
        try:
            out = subprocess.run(
                [os.path.join(ROOT, "kernel-setup", "jshell"),
                 os.path.join(ROOT, "notebooks", "fashion-mnist-search.jsh")],
                cwd=work, capture_output=True, text=True, timeout=600,
                env=dict(os.environ, METAQNN4J_MODE="quick"))
            self.assertEqual(out.returncode, 0, out.stderr[-2000:])
            self.assertNotIn("Building metaqnn4j", out.stderr, "built already by the test command")
            self.assertIn("top 5 models", out.stdout)
            self.assertIn("ensemble", out.stdout)
            self.assertRegex(out.stdout, r"report: \d+ files in fashion-mnist-report/")
            self.assertTrue(os.path.exists(os.path.join(work, "fashion-mnist-report",
                                                        "rolling_mean.png")))
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
