#!/usr/bin/env python3
"""DOCX build time of the seed brief: native Word charts (now) versus 300 dpi pictures (before).

    PYTHONPATH=src python3 benchmarks/docx_native_charts.py      # medians of 5

"pictures" reproduces the old path: every chart drawn by matplotlib (no chart cache) and placed
as a PNG; "native" is `build(..., formats=("docx",))` as it is now, which draws nothing. Each is
timed as a whole process (imports included) and inside a warm process.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "briefs" / "changxing-2020.yaml"


def _pictures_docx(out: Path) -> None:
    """The old DOCX path: draw every chart's PNG, then write each chart as a picture."""
    from briefmaker.build import prepare
    from briefmaker.charts.raster import to_png
    from briefmaker.charts.scene import layout
    from briefmaker.render import docx as writer

    _, style, document = prepare(SEED)
    pngs = {id(c.content): to_png(layout(c.content, style)) for c in document.charts()}
    w = writer.DocxWriter(document, style)
    w._chart = lambda spec, figure, keep: w._picture(pngs[id(spec)], figure.width, spec.title or figure.caption,
                                                     figure.alt, keep=keep)
    (out / "pictures.docx").write_bytes(w.write())


def _native_docx(out: Path) -> None:
    from briefmaker import build

    build(SEED, out, formats=("docx",))


def median_seconds(task, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            task(Path(tmp))
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def process_seconds(task: str, runs: int = 5) -> float:
    """Median wall time of a whole Python process running ``task`` once (imports included)."""
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "benchmarks")])}
    code = f"import pathlib, tempfile, docx_native_charts as b; b.{task}(pathlib.Path(tempfile.mkdtemp()))"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    results = {}
    for name, task in (("pictures", "_pictures_docx"), ("native", "_native_docx")):
        results[name, "process"] = process_seconds(task)
    _native_docx(Path(tempfile.mkdtemp()))  # imports and font registration out of the timing
    _pictures_docx(Path(tempfile.mkdtemp()))
    results["pictures", "warm"] = median_seconds(_pictures_docx)
    results["native", "warm"] = median_seconds(_native_docx)
    print("seed DOCX build, medians of 5     whole process   in a warm process")
    for name in ("pictures", "native"):
        print(f"  {name:<8}                         {results[name, 'process']:6.2f} s        "
              f"{results[name, 'warm']:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
