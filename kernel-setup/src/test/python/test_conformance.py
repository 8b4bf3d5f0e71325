"""The official kernel conformance suite (Debian's python3-jupyter-kernel-test) against the
installed metaqnn4j kernel, with every test it has enabled.

    JUPYTER_PATH=... METAQNN4J_KERNEL=metaqnn4j /usr/bin/python3 -m unittest test_conformance
"""
import os
import unittest

import jupyter_kernel_test

# Replies to requests other than execute may wait behind a cell compiling against the toolkit's
# jars: give them more than the suite's 15 s on a busy 2-core machine.
jupyter_kernel_test.TIMEOUT = 60


class MetaQnn4jKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("METAQNN4J_KERNEL", "metaqnn4j")
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "System.out.prin", "matches": {"print(", "printf(", "println("}},
        {"text": "%mav", "matches": {"%maven", "%mavenRepo"}},
        {"text": "StateSpace.sma", "matches": {"small()"}},
    ]

    complete_code_samples = [
        "1 + 1",
        "int x = 3;",
        "void f() { }",
        "%maven tech.tablesaw:tablesaw-core:0.44.4",
        "%time\nint y = 2;",
        "%%time\nint z = 2;",
    ]
    incomplete_code_samples = [
        "class A {",
        "void g() {",
        "%time\nfor (int i = 0; i < 3; i++) {",
        "%%time\nint[] a = {1, 2,",
    ]
    invalid_code_samples = [
        "int x = ;)",
        "%nosuchmagic 1",
        "%%nosuchcellmagic\n1 + 1",
    ]

    code_generate_error = 'throw new IllegalStateException("on purpose")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"meta" + "qnn"', "result": "metaqnn"},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": "StateSpace.small().build()", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": 'display("shown")', "mime": "text/plain"},
        {"code": "show(StateSpace.small().build())", "mime": "text/html"},
        {
            "code": "show(ExperimentReport.of(Search.qLearning(StateSpace.small().build())"
            ".evaluator(SyntheticEvaluator.of(a -> 0.5)).schedule(EpsilonSchedule.start(1.0, 5)).seed(1).quiet().run())"
            ".accuracyChart())",
            "mime": "image/png",
        },
    ]

    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_page_something = "StateSpace.small?"

    code_inspect_sample = "Math.max"

    code_clear_output = 'System.out.println("before"); clearOutput();'


if __name__ == "__main__":
    unittest.main()
