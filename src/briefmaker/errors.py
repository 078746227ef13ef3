"""The one exception type for problems in the user's input, and how each problem is located.

Library code raises :class:`BriefError`; only ``cli.py`` prints it or turns it into an exit status.
Anything else that escapes is a bug in briefmaker and deserves a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .i18n import message


@dataclass(frozen=True)
class Location:
    """Where something came from: a file, a 1-based line and column, and the path inside the brief."""

    file: str
    line: int = 0
    col: int = 0
    path: str = ""

    def __str__(self) -> str:
        head = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        return f"{head}: {self.path}" if self.path else head


@dataclass(frozen=True)
class Problem:
    """One located problem. ``code`` selects a message template; ``params`` fill it in."""

    location: Location
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    severity: str = "error"

    def text(self, lang: str | None = None) -> str:
        """The message alone, in ``lang`` ('zh' or 'en'; default from the locale)."""
        return message(self.code, lang, **self.params)

    def render(self, lang: str | None = None) -> str:
        """``file:line:col: path: message`` — the form the CLI prints, one problem per line."""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.location}: {prefix}{self.text(lang)}"


class BriefError(Exception):
    """Raised when a brief (or a style, or a data table) cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.render("en") for p in self.problems))

    def __reduce__(self):  # unpickled with its problems (from a batch worker or a forked writer)
        return (BriefError, (self.problems,))


def fail(location: Location, code: str, **params) -> BriefError:
    """A BriefError holding a single problem (convenience for raise sites)."""
    return BriefError([Problem(location, code, params)])


def path_str(path: tuple) -> str:
    """Render a path tuple ('sections', 2, 'body', 0) as ``sections[2].body[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class Locator(Protocol):
    """Anything that maps a path in a file's values to its Location (a brief's, a style's)."""

    def locate(self, path: tuple, *, key: bool = False) -> Location: ...
