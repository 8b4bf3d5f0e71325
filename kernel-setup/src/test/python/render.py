"""Executes notebooks on the installed kernel (mode from METAQNN4J_MODE) and writes each as HTML.

    python3 render.py OUT_DIR [notebook.ipynb ...]   (default: every notebooks/*.ipynb)
"""
import glob
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from kernel_client import KERNEL

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
STYLESHEET = "notebook.css"
STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.S)


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
    """Writes the executed notebook as HTML (nbconvert) into out, its style sheets shared with the
    other notebooks there (share_css); returns the file and its text."""
    html, _ = HTMLExporter().from_notebook_node(nb)
    html = share_css(html, out)
    target = os.path.join(out, os.path.basename(path)[:-len(".ipynb")] + ".html")
    with open(target, "w") as f:
        f.write(html)
    return target, html


def share_css(html, out):
    """The page with nbconvert's inline style sheets (about 550 KiB, the same in every notebook)
    replaced by a link to out/notebook.css, which gets them. Refuses a page whose styles differ
    from the file's: two pages must not need two versions of it."""
    css = "".join(m.group(1) for m in STYLE.finditer(html))
    if not css:
        return html
    sheet = os.path.join(out, STYLESHEET)
    if os.path.exists(sheet):
        with open(sheet) as f:
            if f.read() != css:
                raise ValueError(f"{sheet} holds other styles than this page: render all again")
    else:
        with open(sheet, "w") as f:
            f.write(css)
    link = f'<link rel="stylesheet" href="{STYLESHEET}">\n'
    first = True

    def replace(_match):
        nonlocal first
        keep, first = (link if first else ""), False
        return keep

    return STYLE.sub(replace, html)


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
