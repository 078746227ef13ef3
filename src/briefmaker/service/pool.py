"""A pool of warm build workers, so that no build ever runs in the event loop.

Each worker is a process started once (fonts, styles and the writers loaded in it) that runs
one task at a time (see ``worker.py``). The event loop only waits: a task waits for an idle
worker in a bounded queue (full → :class:`Busy`, the caller answers 503 with Retry-After), and
a task that runs past the time limit gets its worker killed and replaced (:class:`TimedOut`).
"""
from __future__ import annotations

import asyncio
import math
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from . import worker as worker_module


class Busy(Exception):
    """Every worker is busy and the queue is full: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


class TimedOut(Exception):
    """The task ran past the time limit; its worker was replaced."""


class WorkerDied(Exception):
    """The worker process ended while running the task (killed, out of memory); it was replaced."""


class _Worker:
    """One worker process and the pipe to it. Its methods block: they run in the pool's threads."""

    def __init__(self, context, root: str):
        self.context, self.root = context, root
        self.start()

    def start(self) -> None:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(target=worker_module.main, args=(child, self.root), daemon=True,
                                            name="briefmaker-worker")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float = 300) -> None:
        """Block until the worker has warmed up; a worker that dies on the way is started again."""
        try:
            if self.conn.poll(timeout):
                self.conn.recv()
                self.ready = True
                return
        except (EOFError, OSError):
            pass
        self.replace()
        raise WorkerDied("the worker did not start")

    def call(self, name: str, args: tuple, limit: float):
        if not self.ready:
            self.wait_ready()
        self.conn.send((name, args))
        if not self.conn.poll(limit):
            self.replace()
            raise TimedOut(name)
        try:
            ok, value, retired = self.conn.recv()
        except (EOFError, OSError):
            self.replace()
            raise WorkerDied(name) from None
        if retired:
            self.replace()
        if ok:
            return value
        raise value

    def replace(self) -> None:
        """Kill this worker and start a fresh one; the next call waits until it has warmed up."""
        self.stop(0)
        self.start()

    def stop(self, grace: float) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()

    def rss(self) -> int:
        """Resident memory of the worker process in bytes (0 when unknown)."""
        try:
            with open(f"/proc/{self.process.pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0


@dataclass
class PoolStats:
    """What /healthz and the benchmark show of the pool."""

    done: int = 0
    timed_out: int = 0
    refused: int = 0
    seconds: float = 0.0
    recent: list = field(default_factory=list)  # the last task durations, for Retry-After


class Pool:
    """``workers`` warm processes, at most ``queue`` tasks waiting, ``limit`` seconds per task."""

    def __init__(self, root: str, workers: int, queue: int, limit: float):
        self.root, self.size, self.queue, self.limit = root, workers, queue, limit
        self.stats = PoolStats()
        self._pending = 0
        self._workers: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker] | None = None
        self._threads = ThreadPoolExecutor(max_workers=workers * 2 + 2, thread_name_prefix="pool")
        self._running = 0

    async def start(self) -> None:
        """Start every worker and wait until each has warmed up."""
        context = multiprocessing.get_context("spawn")
        loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        self._workers = [_Worker(context, self.root) for _ in range(self.size)]
        await asyncio.gather(*(loop.run_in_executor(self._threads, w.wait_ready) for w in self._workers))
        for w in self._workers:
            self._idle.put_nowait(w)

    def retry_after(self) -> int:
        """Seconds a refused client should wait: the queue ahead of it at the recent pace."""
        recent = self.stats.recent or [1.0]
        return max(1, math.ceil(sum(recent) / len(recent) * (self._pending + 1) / self.size))

    async def run(self, name: str, *args, wait: bool = False):
        """Run task ``name`` (see ``worker.TASKS``) with ``args`` in a worker; its result.

        Raises :class:`Busy` when the queue is full (unless ``wait``: batch jobs wait for a
        place instead), :class:`TimedOut` or :class:`WorkerDied`, and whatever the task raised
        (``BriefError``, ``worker.WorkerFailure``)."""
        assert self._idle is not None, "Pool.start() first"
        if not wait and self._pending >= self.size + self.queue:
            self.stats.refused += 1
            raise Busy(self.retry_after())
        self._pending += 1
        try:
            worker = await self._idle.get()
        except BaseException:
            self._pending -= 1
            raise
        loop = asyncio.get_running_loop()
        start = time.perf_counter()
        future = loop.run_in_executor(self._threads, worker.call, name, args, self.limit)
        self._running += 1

        def finished(_):  # the worker goes back only when its task is over, even if the client left
            self._running -= 1
            self._pending -= 1
            self._idle.put_nowait(worker)
            seconds = time.perf_counter() - start
            self.stats.done += 1
            self.stats.seconds += seconds
            self.stats.recent = (self.stats.recent + [seconds])[-20:]

        future.add_done_callback(finished)  # an asyncio future: called in the event loop
        try:
            return await asyncio.shield(future)
        except TimedOut:
            self.stats.timed_out += 1
            raise

    @property
    def busy(self) -> int:
        """Tasks running now."""
        return self._running

    @property
    def waiting(self) -> int:
        """Tasks waiting for a worker."""
        return max(0, self._pending - self._running)

    def memory(self) -> list[int]:
        """Each worker's resident memory in bytes."""
        return [w.rss() for w in self._workers]

    async def close(self, grace: float = 60) -> None:
        """Let running tasks finish (up to ``grace`` seconds), then stop every worker."""
        deadline = time.monotonic() + grace
        while self._running and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(None, w.stop, 5) for w in self._workers))
        self._threads.shutdown(wait=False, cancel_futures=True)
