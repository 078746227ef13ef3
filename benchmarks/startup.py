#!/usr/bin/env python3
"""Start-up against typst, in one run (issue 14, item 8).

    .venv/bin/python benchmarks/startup.py [--runs N]

(a) ``python -X importtime -c "import briefmaker.cli"``: the package's own import, cumulative;
(b) a cached rebuild of the seed brief (DOCX + PDF, chart and font caches warm), whole process:
    nothing changed, so its outputs are found up to date (infra/uptodate.py), and
(b′) the same after an edit of the brief (a comment line added: every stage runs, caches warm);
(c) typst compiling the same article cold (a fresh process each time: title, headings,
    paragraphs and tables of the composed document, set in the bundled fonts), through the
    ``typst`` package from PyPI (``pip install .[bench]``).
Medians of N runs (default 5), wall-clock and CPU (user + sys of the child process, steadier
on a shared machine). The package is byte-compiled first, as an installed one is (where
PYTHONDONTWRITEBYTECODE is set, every run would otherwise compile briefmaker's sources again).
Needs a quiet machine for the wall-clock figures to mean anything.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "briefs" / "changxing-2020.yaml"
PY = sys.executable


def import_time() -> float:
    """Seconds ``import briefmaker.cli`` takes (cumulative, from -X importtime)."""
    done = subprocess.run([PY, "-X", "importtime", "-c", "import briefmaker.cli"], capture_output=True, text=True,
                          check=True)
    line = [x for x in done.stderr.splitlines() if x.rstrip().endswith("| briefmaker.cli")][-1]
    return int(line.split("|")[1]) / 1e6


def timed(cmd: list[str], **kwargs) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def typst_source(folder: Path) -> Path:
    """The seed's text as a typst article in the bundled fonts (same page and sizes as gongwen)."""
    from briefmaker import document as d
    from briefmaker.build import prepare

    _, _, document = prepare(SEED)

    def esc(text: str) -> str:
        return re.sub(r"([#\[\]*_`$<>@\\])", r"\\\1", text)

    out = ['#set page(paper: "a4", margin: (top: 37mm, left: 28mm, bottom: 35mm, right: 26mm))',
           '#set text(font: ("FandolFang", "Noto Serif CJK SC"), size: 16pt, lang: "zh")',
           '#set par(justify: true, first-line-indent: 2em, leading: 0.8em)']
    for block in document.blocks:
        if isinstance(block, d.Title):
            out.append(f'#align(center, text(size: 22pt, font: "FandolSong")[{esc(block.text)}])')
        elif isinstance(block, d.Heading):
            out.append(f'#text(font: "FandolHei")[{esc(block.number + block.text)}]')
        elif isinstance(block, d.Paragraph):
            out.append(esc(block.text) + "\n")
        elif isinstance(block, d.Figure) and isinstance(block.content, d.TableData):
            table = block.content
            cells = ", ".join(f"[{esc(c)}]" for row in (table.columns, *table.rows) for c in row)
            out.append(f"#table(columns: {len(table.columns)}, {cells})")
    path = folder / "article.typ"
    path.write_text("\n\n".join(out), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    import briefmaker
    from briefmaker.fonts import fonts_dir

    compile_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([PY, "-m", "compileall", "-q", str(Path(briefmaker.__file__).parent)], check=True,
                   capture_output=True, env=compile_env)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "BRIEFMAKER_CACHE": str(folder / "cache")}
        imports = statistics.median(import_time() for _ in range(runs))
        shutil.copytree(SEED.parent, folder / "briefs")
        seed = folder / "briefs" / SEED.name
        build = [PY, "-m", "briefmaker", "build", str(seed), "-o", str(folder / "out")]
        subprocess.run(build, check=True, capture_output=True, env=env)  # warms both caches
        rebuild, rebuild_cpu = medians([timed(build, env=env) for _ in range(runs)])
        edited = []
        for i in range(runs):
            with seed.open("a", encoding="utf-8") as brief:
                brief.write(f"\n# edit {i}\n")
            edited.append(timed(build, env=env))
        edit, edit_cpu = medians(edited)
        source = typst_source(folder)
        compile_ = [PY, "-c", "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
                    "font_paths=[sys.argv[3]])", str(source), str(folder / "article.pdf"), str(fonts_dir())]
        typst, typst_cpu = medians([timed(compile_) for _ in range(runs)])
    print(f"(a) import briefmaker.cli        {imports * 1000:7.1f} ms   (target <= 120 ms)")
    print(f"(b) cached rebuild of the seed   {rebuild * 1000:7.1f} ms wall  {rebuild_cpu * 1000:7.1f} ms CPU"
          "  (nothing changed: outputs up to date)")
    print(f"(b') rebuild after an edit       {edit * 1000:7.1f} ms wall  {edit_cpu * 1000:7.1f} ms CPU"
          "  (every stage; caches warm)")
    print(f"(c) typst, same article, cold    {typst * 1000:7.1f} ms wall  {typst_cpu * 1000:7.1f} ms CPU")
    print(f"    rebuild / typst              {rebuild / typst:7.2f} x wall {rebuild_cpu / typst_cpu:7.2f} x CPU"
          "  (target <= 3)")
    print(f"    edited rebuild / typst       {edit / typst:7.2f} x wall {edit_cpu / typst_cpu:7.2f} x CPU")
    print(f"    load average                 {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
