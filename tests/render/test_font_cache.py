"""ReportLab's parsed font tables are kept under BRIEFMAKER_CACHE as sealed JSON entries: a build
with them gives the same bytes as one that parses the fonts, and a damaged, planted or foreign
entry is only a slower build — it never runs, and never changes a width."""
import pickle

from briefmaker.infra import sealed

from ..conftest import SEED_BRIEF


class _Plant:  # unpickling this would leave a marker file
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_builds_with_an_empty_a_filled_a_damaged_and_a_planted_font_cache_are_identical(tmp_path, cli):
    env = {"BRIEFMAKER_CACHE": str(tmp_path / "cache")}
    fonts = tmp_path / "cache" / "fonts"
    marker = tmp_path / "pwned"
    outputs = []
    for name in ("empty", "filled", "damaged", "planted", "resealed"):
        entries = sorted(fonts.glob("*.json"))
        if name == "damaged":  # one byte changed inside the payload, one entry cut short
            blob = bytearray(entries[0].read_bytes())
            blob[-10] ^= 1
            entries[0].write_bytes(bytes(blob))
            entries[1].write_bytes(entries[1].read_bytes()[:100])
        if name == "planted":  # a pickle that would run code, where the cache and its old format live
            for entry in entries:
                entry.write_bytes(pickle.dumps(_Plant(str(marker))))
                entry.with_suffix(".pickle").write_bytes(pickle.dumps(_Plant(str(marker))))
        if name == "resealed":  # valid JSON with other widths, sealed under another key
            for entry in entries:
                payload = entry.read_bytes().split(b"\n", 3)[3].replace(b'"defaultWidth":1000', b'"defaultWidth":10')
                entry.write_bytes(sealed.seal("some-other-key", payload))
        result = cli("build", SEED_BRIEF, "-o", tmp_path / name, "--format", "pdf", env=env)
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name / "changxing-2020.pdf").read_bytes())
        if name == "empty":
            kept = sorted(p.stem for p in fonts.glob("*.json"))
            assert {"fang", "hei", "kai"} <= set(kept), kept
        assert not marker.exists(), "a planted cache entry ran"
        for entry in fonts.glob("*.json"):  # every entry left behind verifies again
            assert entry.read_bytes().startswith(sealed.MAGIC)
    assert all(out == outputs[0] for out in outputs), [len(o) for o in outputs]


def test_the_cmap_cache_gives_the_parsed_mapping_and_a_damaged_entry_is_parsed_again(tmp_path, monkeypatch):
    from briefmaker import fonts

    monkeypatch.setenv("BRIEFMAKER_CACHE", str(tmp_path))
    parsed = fonts._parse_cmap("fang")
    for state in ("empty", "filled", "damaged", "short"):
        entries = sorted((tmp_path / "fonts").glob("*.cmap"))
        if state == "damaged":
            blob = bytearray(entries[0].read_bytes())
            blob[-5] ^= 1
            entries[0].write_bytes(bytes(blob))
        if state == "short":  # sealed, but not two arrays of one length: parsed again
            entries[0].write_bytes(sealed.seal(entries[0].read_bytes().split(b"\n", 2)[1].decode(), b"abc"))
        fonts.cmap.cache_clear()
        got = fonts.cmap("fang")
        assert list(got.items()) == list(parsed.items()), state
    fonts.cmap.cache_clear()
