"""Brief + style → Document: every text expanded, every number resolved, nothing left for a writer
to decide. ``blocks`` turns the brief's items into document blocks, ``charts`` resolves chart
numbers, ``images`` reads and checks image files."""
from __future__ import annotations

from .blocks import compose, expander_for

__all__ = ["compose", "expander_for"]
