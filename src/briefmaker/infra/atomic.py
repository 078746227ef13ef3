"""Writing output files so that a failed or interrupted build never leaves a broken one, nor a
new file beside an old one of the same pair."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a complete, fsynced temp file beside ``path``; returns the temp file's name.

    The temp name is short whatever ``path``'s length, so a name the folder can hold always
    has a temp name it can hold too."""
    fd, tmp = tempfile.mkstemp(prefix=".bm-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(name: str | None) -> None:
    if name:
        try:
            os.unlink(name)
        except FileNotFoundError:
            pass


def _keep(path: Path) -> str:
    """A second name for ``path``'s current file (a hard link; a copy where links are not allowed)."""
    for _ in range(10):
        backup = tempfile.mktemp(prefix=".bm-", suffix=".old", dir=path.parent)
        try:
            os.link(path, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            import shutil

            shutil.copy2(path, backup)
            return backup
    raise FileExistsError(backup)


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; returns those created, outermost first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir(exist_ok=True)
    return list(reversed(missing))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a temp file in the same folder, fsync, rename.

    Until the rename the previous file stays intact; after it the new file is complete.
    """
    write_all({Path(path): data})


def write_all(files: dict[Path, bytes]) -> None:
    """Replace every path in ``files`` with its bytes: all of them, or none.

    Every file is first written whole to a temp file beside its target (so a full disk fails
    before anything is replaced); then each target is renamed into place, its previous version
    kept as a hard link until the last rename has worked. If a rename fails, the targets
    already replaced get their previous version back (or are removed when there was none) and
    the error is raised: the folder holds the old set or the new set, never a mix.
    """
    staged: list[tuple[str, Path]] = []
    made: list[Path] = []  # folders created here, removed again if nothing is written
    try:
        for path, data in files.items():
            path = Path(path)
            made += _make_folders(path.parent)
            staged.append((_stage(path, data), path))
    except BaseException:
        for tmp, _ in staged:
            _remove(tmp)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise
    done: list[tuple[Path, str | None]] = []  # (target, where its previous version is kept)
    try:
        for tmp, path in staged:
            backup = None
            if os.path.isfile(path) and not os.path.islink(path):
                backup = _keep(path)
            try:
                os.replace(tmp, path)
            except BaseException:
                _remove(backup)
                raise
            done.append((path, backup))
    except BaseException:
        for path, backup in reversed(done):
            if backup:
                os.replace(backup, path)
            else:
                _remove(str(path))
        for tmp, _ in staged:
            _remove(tmp)
        raise
    for _, backup in done:
        _remove(backup)
