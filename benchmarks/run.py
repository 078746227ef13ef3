#!/usr/bin/env python3
"""briefmaker's benchmark: whole processes, medians of several runs, on the machine it runs on.

    python3 benchmarks/run.py            # 3 runs of each measurement (about 3 minutes on 2 cores)
    python3 benchmarks/run.py --runs 5 --units 100

Measures (a) a cold build of the seed brief, DOCX + PDF, with an empty chart cache (a new output
folder; the fonts' parsed tables from an earlier build, as on any machine that has built once),
and (a′) the very first build with no cache at all; (b) the same rebuild with the cache warm; (c) N subdistricts from a CSV with --jobs = cores; (d) peak RSS of
each (largest process of the tree); (e) output sizes; and the baseline (benchmarks/baseline.py:
python-docx + ReportLab wordWrap='CJK' + four matplotlib PNGs) in the same run, for the ratio.
Prints a Markdown table with the targets of issue 4; record it in benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "briefs" / "changxing-2020.yaml"
TEMPLATE = ROOT / "briefs" / "_district-2020.yaml"
UNITS = ROOT / "briefs" / "units.csv"


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of the process and the children it waited for.

    CPU time (user + system, the whole tree) is what the work costs even when other programs
    share the machine; wall time is what a user waits.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.read().decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: kilobytes


def make_units(path: Path, count: int) -> None:
    """``count`` made-up subdistricts: the sample table's rows, renamed and with their figures varied."""
    with open(UNITS, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        for i in range(count):
            row = list(body[i % len(body)])
            for j, name in enumerate(header):
                if name == "unit.name":
                    row[j] = f"第{i + 1:03d}街道"
                elif name in ("meta.unit", "unit.office"):
                    row[j] = f"第{i + 1:03d}街道" + ("办事处" if name == "meta.unit" else "党政办公室")
                elif row[j].isdigit() and name not in ("old_areas.done", "old_areas.total", "disputes.resolved"):
                    row[j] = str(int(row[j]) + i)  # every unit its own figures, so its own charts
            out.writerow(row)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (median reported)")
    parser.add_argument("--units", type=int, default=100, help="rows of the batch table")
    args = parser.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), LANG="C.UTF-8")
    py = [sys.executable]
    work = Path(tempfile.mkdtemp(prefix="briefmaker-bench-"))
    jobs = cores()
    results: dict[str, list] = {k: [] for k in ("first", "cold", "warm", "batch", "baseline")}
    rss: dict[str, list] = {k: [] for k in results}
    cpu: dict[str, list] = {k: [] for k in results}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    try:
        make_units(work / "units.csv", args.units)
        for run in range(args.runs):
            # first: nothing cached at all (a new machine: no parsed fonts in BRIEFMAKER_CACHE, no
            # chart cache); cold: a new output folder (empty chart cache), fonts parsed before;
            # warm: the same build again
            run_env = dict(env, BRIEFMAKER_CACHE=str(work / f"cache{run}"))
            for key, out in (("first", work / f"first{run}"), ("cold", work / f"seed{run}"), ("warm", work / f"seed{run}")):
                wall, used, peak = timed(py + ["-m", "briefmaker", "build", str(SEED), "-o", str(out)], run_env)
                results[key].append(wall)
                cpu[key].append(used)
                rss[key].append(peak)
            wall, used, peak = timed(py + [str(ROOT / "benchmarks" / "baseline.py"), str(work / f"base{run}")], env)
            results["baseline"].append(wall)
            cpu["baseline"].append(used)
            rss["baseline"].append(peak)
            units_out = work / f"units{run}"
            wall, used, peak = timed(py + ["-m", "briefmaker", "build", str(TEMPLATE), "--data",
                                           str(work / "units.csv"), "--name", "{unit.name}", "--jobs", str(jobs),
                                           "-o", str(units_out)], run_env)
            results["batch"].append(wall)
            cpu["batch"].append(used)
            rss["batch"].append(peak)
            print(f"run {run + 1}/{args.runs}: first {results['first'][-1]:.2f} s, cold {results['cold'][-1]:.2f} s, warm {results['warm'][-1]:.2f} s, "
                  f"{args.units} units {results['batch'][-1]:.1f} s, baseline {results['baseline'][-1]:.2f} s",
                  file=sys.stderr, flush=True)
        med = {k: statistics.median(v) for k, v in results.items()}
        mcpu = {k: statistics.median(v) for k, v in cpu.items()}
        peak = {k: max(v) for k, v in rss.items()}
        seed_pdf = (work / "seed0" / "changxing-2020.pdf").stat().st_size / 1024
        seed_docx = (work / "seed0" / "changxing-2020.docx").stat().st_size / 1024
        unit_pdfs = [p.stat().st_size / 1024 for p in (work / "units0").glob("*.pdf")]
        base_pdf = (work / "base0" / "baseline.pdf").stat().st_size / 1024
        per_unit = med["batch"] / args.units
        ok = lambda good: "met" if good else "**missed**"  # noqa: E731
        rows = [
            ("(a) cold build, seed, DOCX+PDF", f"{med['cold']:.2f} s ({med['cold'] / med['baseline']:.2f} × baseline); "
             f"CPU {mcpu['cold']:.2f} s ({mcpu['cold'] / mcpu['baseline']:.2f} × baseline)",
             "≤ 0.75 s and ≤ 0.6 × baseline", ok(med["cold"] <= 0.75 and med["cold"] <= 0.6 * med["baseline"])),
            ("(a′) first build on a new machine (no font or chart cache)",
             f"{med['first']:.2f} s ({med['first'] / med['baseline']:.2f} × baseline); CPU {mcpu['first']:.2f} s", "—", "—"),
            ("(b) rebuild, chart cache warm", f"{med['warm']:.2f} s; CPU {mcpu['warm']:.2f} s", "≤ 0.35 s",
             ok(med["warm"] <= 0.35)),
            (f"(c) {args.units} subdistricts, --jobs {jobs}", f"{med['batch']:.1f} s ({per_unit:.3f} s/report); "
             f"CPU {mcpu['batch']:.1f} s ({mcpu['batch'] / args.units:.3f} s/report)",
             "≤ 12 s (≤ 0.12 s/report)", ok(med["batch"] <= 12 * args.units / 100)),
            ("(d) peak RSS per process", f"first {peak['first']:.0f} MB, cold {peak['cold']:.0f} MB, warm {peak['warm']:.0f} MB, "
             f"batch {peak['batch']:.0f} MB", "≤ 200 MB", ok(max(peak['first'], peak['cold'], peak['warm'], peak['batch']) <= 200)),
            ("(e) output sizes", f"seed PDF {seed_pdf:.0f} KB, DOCX {seed_docx:.0f} KB; unit PDF median "
             f"{statistics.median(unit_pdfs):.0f} KB", "seed PDF ≤ 400 KB", ok(seed_pdf <= 400)),
            ("baseline (python-docx + ReportLab CJK + 4 PNG)", f"{med['baseline']:.2f} s, CPU {mcpu['baseline']:.2f} s, "
             f"{peak['baseline']:.0f} MB, "
             f"PDF {base_pdf:.0f} KB", "—", "—"),
        ]
        print(f"\nbriefmaker benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"{platform.platform()}, {jobs} cores, Python {platform.python_version()}, "
              f"median of {args.runs} runs; load average {load:.2f} at the start\n")
        print("| measure | result | target | |\n|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
