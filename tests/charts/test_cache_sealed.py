"""Chart-cache entries are sealed (infra/sealed.py): a damaged, planted or foreign entry is made
again, so the DOCX is byte-identical to a clean build's; a cache folder that cannot be written
is no cache, not a failure."""
import shutil
from pathlib import Path

from briefmaker.infra import sealed

from ..conftest import SEED_BRIEF


def _docx(cli, tmp_path: Path, name: str, cache: Path) -> bytes:
    shutil.rmtree(tmp_path / name / ".cache" / "builds", ignore_errors=True)  # else it is up to date: no build
    result = cli("build", SEED_BRIEF, "-o", tmp_path / name, "--format", "docx",
                 env={"BRIEFMAKER_CACHE": str(tmp_path / "user-cache")})
    assert result.returncode == 0, result.stderr
    return (tmp_path / name / "changxing-2020.docx").read_bytes()


def test_damaged_and_planted_chart_entries_are_made_again(tmp_path, cli):
    clean = _docx(cli, tmp_path, "out", tmp_path / "out" / ".cache" / "charts")
    entries = sorted((tmp_path / "out" / ".cache" / "charts").iterdir())
    assert entries and all(e.read_bytes().startswith(sealed.MAGIC) for e in entries)
    for harm in ("garbage", "cut", "flip", "foreign", "bare"):
        for entry in entries:
            blob = entry.read_bytes()
            if harm == "garbage":
                entry.write_bytes(b"<c:chartSpace>not what was made</c:chartSpace>")
            elif harm == "cut":
                entry.write_bytes(blob[: len(blob) // 2])
            elif harm == "flip":
                entry.write_bytes(blob[:-5] + bytes([blob[-5] ^ 1]) + blob[-4:])
            elif harm == "foreign":  # a valid entry of another key under this entry's name
                entry.write_bytes(sealed.seal("0" * 32, b"<c:chartSpace/>"))
            else:  # the unsealed bytes a previous version kept
                entry.write_bytes(blob.split(b"\n", 3)[3])
        assert _docx(cli, tmp_path, "out", tmp_path / "out" / ".cache" / "charts") == clean, harm
        assert all(sealed.unseal(e.name.split(".")[0], e.read_bytes()) is not None for e in entries), harm
