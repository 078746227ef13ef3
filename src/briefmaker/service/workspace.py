"""A workspace: the folder the service serves, laid out as the CLI uses it.

    DIR/briefs/NAME.yaml   the briefs (``_NAME.yaml``: templates other briefs extend)
    DIR/styles/NAME.yaml   the workspace's own styles (optional)
    DIR/out/               outputs, the chart cache and the delivery log, as ``-o out`` writes them
    DIR/.briefmaker/       the service's own state: accounts, versions, audit log, jobs

Everything a request names is a *name*, never a path: :func:`check_name` refuses anything that
could leave the folder it is looked up in, and :meth:`Workspace.brief` resolves a name only to a
regular file directly inside ``briefs/``.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_NAME = 100
# separators, NUL and control characters, '%' (an encoded form left undecoded), and the
# characters Windows file systems refuse, so a workspace copied there keeps every name
_BAD = re.compile(r"[/\\\x00-\x1f\x7f%:*?\"<>|]")


class BadName(ValueError):
    """A name that can never denote a file in the workspace (→ 400)."""


def check_name(name: str) -> str:
    """``name`` unchanged when it is a plain file name stem; raises :class:`BadName` otherwise.

    Refused: empty or over 100 characters, a leading dot (``..``, hidden files), path separators,
    NUL and control characters, ``%`` (percent-encoded forms), and a name that Unicode
    normalisation (NFKC) would turn into something else (full-width ``．．／``)."""
    for form in {name, unicodedata.normalize("NFKC", name)}:
        if not form or len(form) > MAX_NAME or form.startswith(".") or ".." in form or _BAD.search(form) \
                or form != form.strip():
            raise BadName(name)
    return name


def etag_of(data: bytes) -> str:
    """The version tag of a brief's bytes (the content's hash): equal bytes, equal tag."""
    return hashlib.sha256(data).hexdigest()[:32]


@dataclass(frozen=True)
class Workspace:
    """The folders of one workspace (see the module docstring); paths are absolute."""

    root: Path

    @classmethod
    def open(cls, folder: str | Path) -> "Workspace":
        """The workspace at ``folder``, creating ``briefs/``, ``out/`` and ``.briefmaker/`` if missing."""
        ws = cls(Path(folder).resolve())
        for sub in (ws.briefs, ws.out, ws.state, ws.state / "tmp", ws.state / "jobs"):
            sub.mkdir(parents=True, exist_ok=True)
        return ws

    @property
    def briefs(self) -> Path:
        return self.root / "briefs"

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def state(self) -> Path:
        return self.root / ".briefmaker"

    def brief(self, name: str, *, must_exist: bool = True) -> Path:
        """``briefs/NAME.yaml``; raises BadName for a bad name, FileNotFoundError when absent.

        A symbolic link is followed only when it stays inside ``briefs/``."""
        path = self.briefs / f"{check_name(name)}.yaml"
        if not must_exist and not path.exists() and not path.is_symlink():
            return path
        if not path.is_file() or not path.resolve().is_relative_to(self.briefs.resolve()):
            raise FileNotFoundError(name)
        return path

    def relative(self, path: Path) -> str:
        """``path`` relative to the root, as the CLI run from the root would name it."""
        return str(path.relative_to(self.root))

    def style(self, name: str) -> str:
        """What ``--style`` gets for ``name``: a workspace style file by its name, else the name itself
        (a built-in style, or an unknown one the build reports). Raises BadName for a bad name."""
        check_name(name)
        own = self.styles / f"{name}.yaml"
        if own.is_file() and own.resolve().is_relative_to(self.styles.resolve()):
            return self.relative(own)
        return name

    def names(self) -> list[str]:
        """Every brief's name, sorted (templates, ``_NAME``, included)."""
        found = []
        for path in sorted(self.briefs.glob("*.yaml")):
            try:
                found.append(check_name(path.stem))
            except BadName:
                continue
        return found
