"""Executes every walkthrough under notebooks/ on the installed kernel, as a user would run it
(nbclient, all cells in order); fails on any cell error. The executed notebooks, and their export
to HTML (nbconvert), are written to kernel-setup/target/notebooks/ for a look at their outputs.

    JUPYTER_PATH=... METAQNN4J_KERNEL=metaqnn4j /usr/bin/python3 -m unittest -v test_notebooks
"""
import os
import unittest

import nbformat

from render import ROOT, STYLESHEET, execute, notebooks, write_html

OUT = os.path.join(ROOT, "kernel-setup", "target", "notebooks")


class Notebooks(unittest.TestCase):
    def test_every_walkthrough_runs(self):
        os.environ["METAQNN4J_MODE"] = "quick"  # the kernels started below inherit it
        paths = notebooks()
        self.assertTrue(paths, "no notebooks found")
        os.makedirs(OUT, exist_ok=True)
        stale = os.path.join(OUT, STYLESHEET)  # from an earlier run, maybe another nbconvert
        if os.path.exists(stale):
            os.remove(stale)
        total = 0
        for path in paths:
            with self.subTest(notebook=os.path.basename(path)):
                nb, seconds = execute(path, timeout=600)
                total += seconds
                print(f"\n{os.path.basename(path)}: {len(nb.cells)} cells in {seconds:.1f} s")
                nbformat.write(nb, os.path.join(OUT, os.path.basename(path)))
                # as a reader gets it: exported to HTML (fails on an SVG with an XML declaration)
                _, html = write_html(nb, OUT, path)
                self.assertIn("<img", html)
                # nbconvert's styles once, in a sheet beside the pages, not in every page
                self.assertIn(f'<link rel="stylesheet" href="{STYLESHEET}">', html)
                self.assertNotIn("<style", html)
                kinds = set()
                for cell in nb.cells:
                    for output in cell.get("outputs", []):
                        kinds.update(output.get("data", {}).keys())
                        self.assertNotEqual(output.get("output_type"), "error", output)
                        # no warnings or logger lines in a reader's notebook
                        self.assertNotEqual(output.get("name"), "stderr", output)
                # the walkthroughs show the toolkit's tables and charts, not just text
                self.assertIn("text/html", kinds)
                self.assertIn("image/png", kinds)
        print(f"\nall {len(paths)} notebooks (quick mode): {total:.1f} s")


if __name__ == "__main__":
    unittest.main()
