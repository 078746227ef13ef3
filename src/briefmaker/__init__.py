"""briefmaker: YAML facts and figures → finished Chinese summaries and briefings (DOCX + PDF).

The public API is small: :func:`load_brief` reads and validates a brief, :func:`build` writes its
outputs, and every problem with the user's input arrives as a :class:`BriefError`.

Importing the package loads no stage (pydantic, Jinja, the writers): each is imported when a
build first needs it, so a command starts in a few tens of milliseconds.
"""
from __future__ import annotations

from .build import BuildResult, build
from .errors import BriefError, Location, Problem

__all__ = ["load_brief", "build", "BuildResult", "BriefError", "Location", "Problem"]
__version__ = "0.1.0"


def load_brief(*args, **kwargs):
    """Read and validate a brief: see :func:`briefmaker.brief.load.load_brief`."""
    from .brief.load import load_brief as load

    return load(*args, **kwargs)
