"""Expanding the email texts of a brief (subject, body, names) with the brief's own data."""
from __future__ import annotations

from ..brief.load import LoadedBrief
from ..errors import Problem
from ..style import Style
from ..text.expand import Expander, ExpansionError, check_characters, problem
from .addresses import header_problem


def brief_expander(loaded: LoadedBrief, style: Style) -> Expander:
    """The Expander the document itself was composed with: data, ``meta`` and ``computed``."""
    from ..compose import expander_for

    return expander_for(loaded, style)


def expand(expander: Expander, loaded: LoadedBrief, path: tuple, text: str) -> tuple[str, list[Problem]]:
    """``text`` (written at ``path`` in the brief) expanded, or '' and the located problem."""
    try:
        out = expander.expand(text)
    except ExpansionError as exc:
        block = path in loaded.source.block_scalars
        return "", [problem(loaded.locate(path), exc, block, loaded.source.indent)]
    bad = check_characters(out)
    if bad is not None:
        return "", [Problem(loaded.locate(path), "xml_char", {"codepoint": bad})]
    return out, []


def one_line(expander: Expander, loaded: LoadedBrief, path: tuple, text: str) -> tuple[str, list[Problem]]:
    """Like :func:`expand`, for a header: surrounding space dropped; a line break, a control
    character or an over-long value refused (see ``addresses.header_problem``)."""
    out, problems = expand(expander, loaded, path, text)
    out = out.strip()
    bad = header_problem(out, loaded.locate(path))
    if bad is not None:
        return "", [bad]
    return out, problems
