"""Outputs are replaced in one step: a failure midway never truncates or destroys the old file."""
import os

import pytest

from briefmaker.infra import atomic
from briefmaker.infra.atomic import write_atomic


def test_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_a_failure_while_writing_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"previous good output")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, b"half a file")
    assert target.read_bytes() == b"previous good output"
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_interrupt_while_writing_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"previous")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["a.docx"]
