"""The web page's live preview: a brief's PDF pages as pictures, made inside a build worker
(see ``service/worker.py``). The brief is laid out as ``briefmaker build`` lays out its PDF;
nothing is written to disk but the chart cache."""
from __future__ import annotations

from pathlib import Path

from ...errors import BriefError


def pdf_bytes(brief: str, style: str | None, outdir: str) -> tuple[bytes, list, bool]:
    """The PDF of ``brief`` (a draft, stamped 草稿, when values are still to fill), its warnings,
    and whether it is a draft. Raises BriefError with the brief's problems."""
    from ...build import glyph_warnings, prepare, render_outputs
    from ...charts.cache import ChartCache
    from ...infra.cachedirs import chart_cache_dir

    try:
        loaded, resolved, document = prepare(brief, style)
        draft = False
    except BriefError as exc:
        if not exc.problems or any(p.code != "placeholder" for p in exc.problems if p.severity != "warning"):
            raise
        loaded, resolved, document = prepare(brief, style, draft=True)
        draft = True
    data = render_outputs(document, resolved, ("pdf",), ChartCache(chart_cache_dir(Path(outdir))))["pdf"]
    return data, glyph_warnings(loaded, document), draft


def preview(brief: str, style: str | None, outdir: str) -> dict:
    """The worker task: ``{"pages": [JPEG bytes], "warnings", "draft"}`` of ``brief``."""
    from ...render.png import page_jpegs

    data, warnings, draft = pdf_bytes(brief, style, outdir)
    return {"pages": page_jpegs(data), "warnings": warnings, "draft": draft}
