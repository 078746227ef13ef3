#!/usr/bin/env python3
"""How long writing the seed's DOCX takes in a warm process, beside its PDF (issue 16: ≤ 0.04 s).

    .venv/bin/python benchmarks/docx_write.py            # medians of 15, gongwen
    .venv/bin/python benchmarks/docx_write.py --profile  # and where the DOCX writer's time goes

One process: the seed is loaded and composed once, the chart cache is warmed (a rebuild finds
every native chart part there), then each round writes the DOCX, the PDF and a baseline in turn:
python-docx's own default document holding the seed's text as plain paragraphs, saved. The
baseline is measured in the same run so a loaded machine can be told apart from a slower writer
(ratios against it compare across runs; seconds do not).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "briefs" / "changxing-2020.yaml"


def _baseline(texts: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--style", default="gongwen")
    parser.add_argument("--profile", action="store_true", help="print the DOCX writer's top functions")
    args = parser.parse_args(argv)

    from briefmaker.build import prepare
    from briefmaker.charts.cache import ChartCache
    from briefmaker.render.docx import write_docx
    from briefmaker.render.pdf import write_pdf

    _, style, document = prepare(SEED, args.style)
    texts = document.plain_text().split("\n")
    with tempfile.TemporaryDirectory() as folder:
        cache = ChartCache(Path(folder))
        tasks = {"docx": lambda: write_docx(document, style, cache),
                 "pdf": lambda: write_pdf(document, style),
                 "baseline": lambda: _baseline(texts)}
        for task in tasks.values():  # warm: imports, fonts, chart parts in the cache
            task()
        times: dict[str, list[float]] = {name: [] for name in tasks}
        for _ in range(args.runs):
            for name, task in tasks.items():
                start = time.perf_counter()
                task()
                times[name].append(time.perf_counter() - start)
        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.enable()
            for _ in range(5):
                tasks["docx"]()
            profile.disable()
            pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(30)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"seed in {args.style}, medians of {args.runs} (one process, chart cache warm)")
    for name in tasks:
        print(f"  {name:9s} {median[name] * 1000:7.1f} ms   (min {min(times[name]) * 1000:.1f}, "
              f"max {max(times[name]) * 1000:.1f})")
    print(f"  docx / baseline {median['docx'] / median['baseline']:.2f}   docx / pdf "
          f"{median['docx'] / median['pdf']:.2f}   target docx ≤ 40 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
