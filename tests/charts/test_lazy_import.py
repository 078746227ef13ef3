"""Slow imports happen only when their work is needed (checked in fresh processes through
sys.modules): matplotlib only to paint a DOCX chart picture, which the built-in styles never ask
for; python-pptx and XlsxWriter only to make native chart parts that are not in the cache."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from ..conftest import ROOT, SEED_BRIEF

PROBE = """
import json, sys
from briefmaker import build
build(sys.argv[1], sys.argv[2], cache_dir=sys.argv[3])
print(json.dumps({name: name in sys.modules for name in ("matplotlib", "pptx", "xlsxwriter")}))
"""


def probe(brief, out, cache) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])))
    result = subprocess.run([sys.executable, "-c", PROBE, str(brief), str(out), str(cache)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_brief_without_charts_imports_none_of_them(tmp_path):
    brief = tmp_path / "plain.yaml"
    brief.write_text("meta:\n  title: 无图\ndata:\n  n: 3\nsections:\n  - title: 概况\n"
                     "    body:\n      - 共{{ n }}项。\n", encoding="utf-8")
    assert probe(brief, tmp_path / "out", tmp_path / "cache") == {"matplotlib": False, "pptx": False, "xlsxwriter": False}
    assert (tmp_path / "out" / "plain.pdf").is_file()


def test_the_seed_never_imports_matplotlib_and_a_cached_rebuild_imports_no_chart_writer(tmp_path):
    first = probe(SEED_BRIEF, tmp_path / "a", tmp_path / "cache")
    assert first == {"matplotlib": False, "pptx": True, "xlsxwriter": True}
    again = probe(SEED_BRIEF, tmp_path / "b", tmp_path / "cache")
    assert again == {"matplotlib": False, "pptx": False, "xlsxwriter": False}
    for name in ("changxing-2020.docx", "changxing-2020.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
