"""A single build writes its DOCX in a forked process: same bytes as one process, and a failure
in the child comes back to the parent as the same located error."""
import os

import pytest

from briefmaker import build
from briefmaker.errors import BriefError, Location, Problem
from briefmaker.infra.forked import Forked, can_fork

from .conftest import SEED_BRIEF

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork on this platform")


def test_parallel_and_sequential_builds_give_the_same_bytes(tmp_path):
    one = build(SEED_BRIEF, tmp_path / "one", cache_dir=tmp_path / "cache-one")
    two = build(SEED_BRIEF, tmp_path / "two", cache_dir=tmp_path / "cache-two", parallel=True)
    assert [p.name for p in one.outputs] == [p.name for p in two.outputs] == ["changxing-2020.docx", "changxing-2020.pdf"]
    for a, b in zip(one.outputs, two.outputs):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_childs_value_and_pid_come_back():
    job = Forked(lambda: ("done", os.getpid()))
    value, pid = job.result()
    assert value == "done" and pid != os.getpid()


def test_a_located_error_in_the_child_is_raised_in_the_parent():
    def fails():
        raise BriefError([Problem(Location("brief.yaml", 3, 5, "sections[0]"), "no_data", {"name": "x", "hint": ""})])

    with pytest.raises(BriefError) as caught:
        Forked(fails).result()
    [problem] = caught.value.problems
    assert str(problem.location) == "brief.yaml:3:5: sections[0]"


def test_a_child_that_dies_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError):
        Forked(lambda: os._exit(3)).result()


def test_a_cancelled_child_is_collected_even_when_blocked_on_a_full_pipe():
    import time

    job = Forked(lambda: b"x" * (16 * 1024 * 1024))  # far more than a pipe holds: the child blocks writing
    time.sleep(0.2)
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):  # already collected: no zombie left behind
        os.waitpid(job._pid, os.WNOHANG)
