"""The hostile-input corpus: every folder in tests/hostile/cases/ is one attack, run through the CLI.

Format: tests/hostile/README.md (and ../../HOSTILE-FORMAT.md of the session). Each case runs in a
temporary copy of its folder, once in English and once in Chinese, as ``python -m briefmaker ARGS``
under a 10 s CPU-time limit, a wall-clock limit of 10 s (stretched by the machine's load, so a
busy shared machine is not taken for a hang; a FIFO that blocks uses no CPU) and a 1 GB
address-space limit, and must:

* never print a traceback, never hang, end with the expected exit status;
* ``refused``: exit non-zero, every problem line located (``file:line:col: path: message``, the
  path left out for a position in the file as such (a syntax error), or a
  file or command-line option as the location for problems with the file or option as a whole),
  the message translated in the Chinese run, and nothing written or changed in the folder;
* ``built``: exit 0 and every output path printed exists;
* ``warned``: exit 0 and at least one located warning.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefmaker.i18n import _MESSAGES

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"
TIME_LIMIT = 10  # seconds of CPU; of wall clock on an idle machine
MEMORY_LIMIT = 1 << 30  # bytes of address space
LANGS = {"en": "C.UTF-8", "zh": "zh_CN.UTF-8"}
EXPECT = ("refused", "built", "warned")

# a problem line: file:line:col: [path: ]message  |  a whole file or option: NAME: message
_LOCATED = re.compile(r"^(?:[^:\s][^:]*:\d+:\d+: .+"
                      r"|--?[a-z][\w-]*(?: [^:]*)?: .+"
                      r"|[^:\s]*[./][^:]*: .+)$")
# lines a batch prints around its problems (progress, summary), not problems themselves
_BATCH = re.compile(r"^(\[\d+/\d+\] |\S*\s*\d+/\d+ |生成成功|built \d+|failed: |失败：)")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _cases() -> list:
    if not CASES.is_dir():
        return []
    params = []
    for folder in sorted(CASES.iterdir()):
        if not (folder / "case.yaml").is_file():
            continue
        reason = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8")).get("xfail")
        marks = [pytest.mark.xfail(reason=str(reason), strict=False)] if reason else []
        params += [pytest.param(folder, lang, id=f"{folder.name}-{lang}", marks=marks) for lang in LANGS]
    return params


def _limits() -> None:  # runs in the child between fork and exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (TIME_LIMIT, TIME_LIMIT + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _setup(work: Path, steps: list) -> None:
    """Apply a case's ``setup:`` steps inside ``work``."""
    for step in steps or []:
        (op, target), = [(k, v) for k, v in step.items() if k in _OPS]
        path = work / target
        path.parent.mkdir(parents=True, exist_ok=True)
        _OPS[op](path, step)


def _write_bytes(path: Path, step: dict) -> None:
    fill = step.get("fill", "a").encode("utf-8")
    size = int(step["size"])
    head = step.get("head", "").encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(head)
        left = size - len(head)
        chunk = fill * max(1, 65536 // len(fill))
        while left > 0:
            handle.write(chunk[:left])
            left -= len(chunk[:left])


def _replace(path: Path, step: dict) -> None:
    """Replace text in a copied file (``{replace: f, old: X, new: Y, times: N}``: Y repeated N times)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(step["old"], step["new"] * int(step.get("times", 1))), encoding="utf-8")


_OPS = {
    "mkfifo": lambda path, step: os.mkfifo(path),
    "mkdir": lambda path, step: path.mkdir(parents=True, exist_ok=True),
    "symlink": lambda path, step: os.symlink(step["to"], path),
    "write_bytes": _write_bytes,
    "write_text": lambda path, step: path.write_text(step["text"], encoding="utf-8"),
    "replace": _replace,
    "chmod": lambda path, step: os.chmod(path, int(str(step["mode"]), 8)),
}


def _snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` → (kind, size, mtime), without following links or opening FIFOs."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            st = os.lstat(full)
            kind = "d" if os.path.isdir(full) and not os.path.islink(full) else "f"
            out[os.path.relpath(full, folder)] = (kind, st.st_size if kind == "f" else 0,
                                                 st.st_mtime_ns if kind == "f" else 0)
    return out


def _template(code: str, lang: str) -> re.Pattern:
    """A regex matching any rendering of message ``code`` in ``lang`` (parameters as wildcards)."""
    text = _MESSAGES[code][1 if lang == "zh" else 0]
    parts = re.split(r"\{[^{}]*\}", text)
    return re.compile(".*?".join(re.escape(p) for p in parts), re.S)


def _run(args: list[str], cwd: Path, lang: str, cache: Path) -> tuple[int | None, str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG")}
    env.update(LANG=LANGS[lang], BRIEFMAKER_CACHE=str(cache), PYTHONFAULTHANDLER="",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "briefmaker", *map(str, args)], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_limits, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=_wall_limit())
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return None, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _wall_limit() -> float:
    """TIME_LIMIT seconds, times the load per core when the machine is busier than its cores."""
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    return TIME_LIMIT * min(12.0, max(1.0, load))


@pytest.fixture(scope="session")
def font_cache(tmp_path_factory) -> Path:
    """One font cache for the whole corpus, warmed once outside the time limit."""
    cache = tmp_path_factory.mktemp("hostile-cache")
    warm = tmp_path_factory.mktemp("hostile-warm")
    (warm / "b.yaml").write_text("meta:\n  title: 预热\nsections:\n  - title: 一\n    body: [正文。]\n",
                                 encoding="utf-8")
    env = dict(os.environ, BRIEFMAKER_CACHE=str(cache),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "briefmaker", "build", "b.yaml", "-o", "out"], cwd=warm, env=env,
                   capture_output=True, timeout=300)
    return cache


@pytest.mark.parametrize("folder, lang", _cases())
def test_case(folder: Path, lang: str, tmp_path: Path, font_cache: Path) -> None:
    case = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    expect = case["expect"]
    assert expect in EXPECT, f"{folder.name}: expect must be one of {EXPECT}"
    work = tmp_path / "case"
    shutil.copytree(folder, work, symlinks=True, ignore=shutil.ignore_patterns("case.yaml"))
    _setup(work, case.get("setup"))
    before = _snapshot(work)
    code, out, err = _run(case["args"], work, lang, font_cache)
    note = f"{folder.name} ({lang}): {case.get('note', '')}\n--- stdout\n{out[-3000:]}\n--- stderr\n{err[-3000:]}"
    assert code is not None, f"hung (no exit within {_wall_limit():.0f} s of wall clock): {note}"
    assert "Traceback" not in err, f"traceback: {note}"
    assert code != -signal.SIGXCPU, f"over {TIME_LIMIT} s of CPU: {note}"
    assert code >= 0, f"killed by signal {-code} (memory limit?): {note}"
    if expect == "refused":
        assert code != 0, f"exit 0, expected a refusal: {note}"
        lines = [line for line in err.splitlines() if line.strip() and not _BATCH.match(line)]
        assert lines, f"refused without a message: {note}"
        for line in lines:
            assert _LOCATED.match(line), f"not located: {line!r}: {note}"
            if lang == "zh":
                message = line.split(": ", 1)[-1]
                assert _CJK.search(message), f"not in Chinese: {line!r}: {note}"
        after = _snapshot(work)
        assert after == before, f"wrote or changed {sorted(set(after.items()) ^ set(before.items()))}: {note}"
    else:
        assert code == 0, f"exit {code}, expected {expect}: {note}"
        if case["args"][0] == "build":
            printed = [line for line in out.splitlines() if line.strip()]
            assert printed, f"built nothing: {note}"
            for line in printed:
                assert (work / line).is_file(), f"output {line!r} missing: {note}"
        if expect == "warned":
            assert re.search(r"^[^:\s][^:]*:\d+:\d+: .*warning: ", err, re.M), f"no located warning: {note}"
    if case.get("code"):
        assert case["code"] in _MESSAGES, f"{folder.name}: no message code {case['code']!r} in i18n.py"
        assert _template(case["code"], lang).search(err), f"message {case['code']} not printed: {note}"
    for secret in case.get("never", []):
        assert secret not in err and secret not in out, f"printed {secret!r}: {note}"
    if case.get("where"):
        assert case["where"] in err, f"{case['where']!r} not in stderr: {note}"
