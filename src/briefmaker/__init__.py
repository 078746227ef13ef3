"""briefmaker: YAML facts and figures → finished Chinese summaries and briefings (DOCX + PDF).

The public API is small: :func:`load_brief` reads and validates a brief, :func:`build` writes its
outputs, and every problem with the user's input arrives as a :class:`BriefError`.
"""
from .brief.load import load_brief
from .build import BuildResult, build
from .errors import BriefError, Location, Problem

__all__ = ["load_brief", "build", "BuildResult", "BriefError", "Location", "Problem"]
__version__ = "0.1.0"
