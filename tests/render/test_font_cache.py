"""ReportLab's parsed font tables are kept under BRIEFMAKER_CACHE: a build with them gives the
same bytes as one that parses the fonts, and a damaged cache is only a slower build."""
from ..conftest import SEED_BRIEF


def test_builds_with_an_empty_a_filled_and_a_damaged_font_cache_are_identical(tmp_path, cli):
    env = {"BRIEFMAKER_CACHE": str(tmp_path / "cache")}
    outputs = []
    for name in ("empty", "filled", "damaged"):
        if name == "damaged":
            for pickle in (tmp_path / "cache" / "fonts").glob("*.pickle"):
                pickle.write_bytes(b"not a pickle")
        result = cli("build", SEED_BRIEF, "-o", tmp_path / name, "--format", "pdf", env=env)
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name / "changxing-2020.pdf").read_bytes())
        if name == "empty":
            kept = sorted(p.name.split("-")[0] for p in (tmp_path / "cache" / "fonts").glob("*.pickle"))
            assert {"fang", "hei", "kai", "song"} <= set(kept)
    assert outputs[0] == outputs[1] == outputs[2]
