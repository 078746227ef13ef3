"""Where briefmaker keeps what it can derive again: per user, and per output folder."""
from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """Where briefmaker keeps what it derived from its own files, per machine and user:
    $BRIEFMAKER_CACHE, else $XDG_CACHE_HOME/briefmaker, else ~/.cache/briefmaker."""
    if os.environ.get("BRIEFMAKER_CACHE"):
        return Path(os.environ["BRIEFMAKER_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefmaker"


def chart_cache_dir(outdir: Path) -> Path:
    """The chart cache of builds into ``outdir`` (when no ``--cache`` folder is given)."""
    return outdir / ".cache" / "charts"
