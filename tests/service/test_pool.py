"""The worker pool on its own: a full queue refuses with a wait time, a build over the time limit
gets its worker replaced, and the replacement builds the same bytes."""
from __future__ import annotations

import asyncio
import shutil

import pytest

from briefmaker.service.pool import Busy, Pool, TimedOut
from tests.conftest import ROOT


def test_busy_timeout_and_replacement(tmp_path):
    shutil.copytree(ROOT / "briefs", tmp_path / "briefs")
    args = ("briefs/changxing-2020.yaml", "pdf", None, "out")

    async def scenario():
        pool = Pool(str(tmp_path), workers=1, queue=0, limit=120)
        await pool.start()
        try:
            first = asyncio.create_task(pool.run("build", *args))
            await asyncio.sleep(0)  # the first task holds the only place
            with pytest.raises(Busy) as refused:
                await pool.run("build", *args)
            assert refused.value.retry_after >= 1
            before = (await first)["data"]
            pid = pool._workers[0].process.pid
            pool.limit = 0.05
            with pytest.raises(TimedOut):
                await pool.run("build", *args)
            pool.limit = 120
            after = (await pool.run("build", *args))["data"]
            assert pool._workers[0].process.pid != pid  # a fresh worker
            assert pool.stats.timed_out == 1 and pool.stats.refused == 1
            return before, after
        finally:
            await pool.close()

    before, after = asyncio.run(scenario())
    assert before.startswith(b"%PDF") and before == after
