#!/usr/bin/env python3
"""How a run of marks longer than a line costs as it grows (issue 13, "Text that vanishes"):
builds a PDF of one paragraph of N quote marks for growing N, in a fresh process each, and
prints seconds per N and per 10,000 marks. Linear cost gives a flat last column.

    python3 benchmarks/long_runs.py            # N = 10,000 / 50,000 / 200,000
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    print("| quote marks | seconds | s per 10,000 |\n|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for count in (10_000, 50_000, 200_000):
            brief = Path(tmp) / f"q{count}.yaml"
            brief.write_text(f'meta: {{title: 引号}}\nopening:\n  - "{"“" * count}"\n', encoding="utf-8")
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "briefmaker", "build", str(brief), "-o", tmp, "--format", "pdf"],
                           cwd=ROOT, check=True, capture_output=True)
            seconds = time.perf_counter() - start
            print(f"| {count:,} | {seconds:.1f} | {seconds / count * 10_000:.2f} |")


if __name__ == "__main__":
    main()
