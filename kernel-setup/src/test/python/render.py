"""Executes notebooks on the installed kernel (mode from METAQNN4J_MODE) and writes each as HTML.

    python3 render.py OUT_DIR [notebook.ipynb ...]   (default: every notebooks/*.ipynb)
"""
import glob
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from kernel_client import KERNEL

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def notebooks():
    """Every walkthrough, in order."""
    return sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))


def execute(path, timeout=7200):
    """The notebook at path, executed on the kernel (all cells in order), and the seconds it took.
    A cell's error raises nbclient's CellExecutionError."""
    nb = nbformat.read(path, as_version=4)
    started = time.monotonic()
    NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=180,
                   resources={"metadata": {"path": ROOT}}).execute()
    return nb, time.monotonic() - started


def write_html(nb, out, path):
    """Writes the executed notebook as HTML (nbconvert) into out; returns the file and its text."""
    html, _ = HTMLExporter().from_notebook_node(nb)
    target = os.path.join(out, os.path.basename(path)[:-len(".ipynb")] + ".html")
    with open(target, "w") as f:
        f.write(html)
    return target, html


def main(out, paths):
    os.makedirs(out, exist_ok=True)
    paths = paths or notebooks()
    mode = os.environ.get("METAQNN4J_MODE", "quick")
    total = 0
    for path in paths:
        nb, seconds = execute(path)
        total += seconds
        target, _ = write_html(nb, out, path)
        print(f"{os.path.basename(path)}: {mode} mode, {seconds:.1f} s; "
              f"{os.path.relpath(target, ROOT)} {os.path.getsize(target) / 1024:.0f} KiB", flush=True)
    print(f"all {len(paths)}: {total:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
