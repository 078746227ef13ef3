#!/usr/bin/env python3
"""The service's benchmark: `briefmaker serve` as a real process on loopback, against the CLI.

    python3 benchmarks/service.py                       # about 3 minutes on 2 cores
    python3 benchmarks/service.py --soak-seconds 1800   # the 30-minute soak of issue 19

Measures, in one run on a workspace copied from briefs/:
(1) sequential p50 of the seed's PDF through the API (POST /api/briefs/changxing-2020/build) against
    the CLI's whole-process build of the same brief (`briefmaker build … --format pdf`); target ≤ 0.35×;
(2) throughput of 8 concurrent clients against one client (target ≥ 1.6×, 0 errors), p95 latency,
    and the memory of each worker process;
(3) a soak at a bounded request count: RSS and open files of the server and its workers over time.
Every request loop is bounded in count and time and talks only to 127.0.0.1. Prints Markdown.

Beside each figure it prints what the machine gave the run, since on a shared machine other
processes take cores: the load average, the CPU time the server and the workers used per
request, the cores they had on average, and the machine's own ceiling for the concurrency ratio
(the same warm build run in two processes at once against one process, without the service).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = "/api/briefs/changxing-2020/build?format=pdf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


class Client:
    """One keep-alive connection; ``get`` returns (status, seconds, bytes)."""

    def __init__(self, port: int, token: str):
        self.port, self.token = port, token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def call(self, method: str, path: str) -> tuple[int, float, bytes]:
        """One request; a kept-alive connection the server has closed meanwhile is opened again once."""
        start = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, headers={"Authorization": f"Bearer {self.token}"})
                response = self.conn.getresponse()
                body = response.read()
                return response.status, time.perf_counter() - start, body
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        return 0, time.perf_counter() - start, b""


def proc_tree(pid: int) -> list[int]:
    """``pid`` and its child processes (the workers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return [pid] + [int(c) for c in children]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def open_files(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def role(pid: int, server: int) -> str:
    """'server', 'worker' or 'resource tracker' (multiprocessing's helper process under spawn)."""
    if pid == server:
        return "server"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "gone"
    return "resource tracker" if b"resource_tracker" in command else "worker"


def load() -> float:
    return os.getloadavg()[0]


class Usage:
    """CPU used by the server and by its workers between ``start()`` and ``stop(requests)``."""

    def __init__(self, server: int):
        self.server = server

    def start(self) -> None:
        self.tree = proc_tree(self.server)
        self.before = [cpu_seconds(p) for p in self.tree]
        self.load_before, self.wall = load(), time.perf_counter()

    def stop(self, requests: int) -> dict:
        wall = time.perf_counter() - self.wall
        used = [cpu_seconds(p) - b for p, b in zip(self.tree, self.before)]
        workers = sum(u for p, u in zip(self.tree, used) if role(p, self.server) == "worker")
        return {"server_ms": 1000 * used[0] / requests, "workers_ms": 1000 * workers / requests,
                "cores": sum(used) / wall, "load": (self.load_before, load())}


CEILING_CHILD = """
import sys, time
from briefmaker import batch
batch.warm()
task = batch.Task("briefs/changxing-2020.yaml", "ceiling", outdir=sys.argv[2], formats=("pdf",))
batch.run_task(task)
print("ready", flush=True)
sys.stdin.readline()
start = time.perf_counter()
for _ in range(int(sys.argv[1])):
    batch.run_task(task)
print(time.perf_counter() - start, flush=True)
"""


def ceiling(workspace: Path, env: dict, builds: int) -> dict:
    """The seed's warm PDF build, ``builds`` times in one process, then in two processes at once:
    builds per second of each, and their ratio: what two workers can at best give over one on
    this machine now, whatever the service does (shared caches, memory, other people's load)."""

    def run(processes: int) -> float:
        children = [subprocess.Popen([sys.executable, "-c", CEILING_CHILD, str(builds), f"ceiling-{i}"], cwd=workspace,
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                    for i in range(processes)]
        for child in children:  # all warm before any starts
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        seconds = [float(child.communicate()[0]) for child in children]
        return processes * builds / max(seconds)

    load_before = load()
    one = run(1)
    two = run(2)
    return {"one": one, "two": two, "ratio": two / one, "load": (load_before, load())}


def cli_build(workspace: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefmaker", "build", "briefs/changxing-2020.yaml", "-o", str(out),
                    "--format", "pdf"], cwd=workspace, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def concurrent(port: int, token: str, clients: int, per_client: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def run(path: str):
        client = Client(port, token)
        for _ in range(per_client):
            status, seconds, _ = client.call("POST", path)
            with lock:
                latencies.append(seconds)
                errors[0] += status != 200

    # each client its own unit's brief, as in an office (builds of one brief and format write one
    # file, so the service runs them one after another by design)
    paths = [BUILD] if clients == 1 else [BUILD.replace("changxing-2020", f"unit-{i}") for i in range(clients)]
    threads = [threading.Thread(target=run, args=(paths[i % len(paths)],)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {"requests": clients * per_client, "seconds": wall, "per_second": clients * per_client / wall,
            "errors": errors[0], "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95)}


def soak(port: int, token: str, pid: int, seconds: float, max_requests: int, every: float) -> list[dict]:
    """Mixed requests (2 builds : 1 list : 1 read) from 2 clients until ``seconds`` or ``max_requests``."""
    samples = []
    done = [0]
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    plan = [("POST", BUILD), ("GET", "/api/briefs"), ("POST", BUILD), ("GET", "/api/briefs/changxing-2020")]

    def run():
        client = Client(port, token)
        i = 0
        while time.monotonic() < stop:
            with lock:
                if done[0] >= max_requests:
                    return
                done[0] += 1
            status, _, _ = client.call(*plan[i % len(plan)])
            i += 1
            if status != 200:
                with lock:
                    errors[0] += 1

    def sample(at: float) -> dict:
        tree = proc_tree(pid)
        return {"t": round(at), "requests": done[0], "errors": errors[0], "load": load(),
                "rss": [round(rss_mb(p)) for p in tree], "files": [open_files(p) for p in tree]}

    threads = [threading.Thread(target=run) for _ in range(2)]
    start = time.monotonic()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        samples.append(sample(time.monotonic() - start))
        deadline = time.monotonic() + every
        while time.monotonic() < deadline and any(t.is_alive() for t in threads):
            time.sleep(0.2)
    samples.append(sample(time.monotonic() - start))
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="sequential requests and CLI builds (default 7)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=4, help="requests each concurrent client makes")
    parser.add_argument("--workers", type=int, default=cores())
    parser.add_argument("--soak-seconds", type=float, default=60, help="soak duration (issue 19: 1800)")
    parser.add_argument("--soak-requests", type=int, default=400, help="at most this many soak requests")
    parser.add_argument("--sample-every", type=float, default=10, help="seconds between soak samples")
    parser.add_argument("--ceiling-builds", type=int, default=8,
                        help="builds per process when measuring the machine's two-process ceiling")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    base = Path(tempfile.mkdtemp(prefix="bm-service-bench-"))
    workspace = base / "ws"
    shutil.copytree(ROOT / "briefs", workspace / "briefs")
    for i in range(args.clients):  # one brief per concurrent client: the seed under another unit's name
        shutil.copy(workspace / "briefs" / "changxing-2020.yaml", workspace / "briefs" / f"unit-{i}.yaml")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    subprocess.run([sys.executable, "-m", "briefmaker", "users", "add", "bench", "--role", "admin", "--password-stdin",
                    "--workspace", str(workspace)], input="benchmark-password\n", text=True, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    token = subprocess.run([sys.executable, "-m", "briefmaker", "users", "token", "bench", "--workspace", str(workspace)],
                           text=True, env=env, check=True, capture_output=True).stdout.strip().splitlines()[-1]
    port = free_port()
    log = open(base / "serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "briefmaker", "serve", "--workspace", str(workspace), "--port",
                               str(port), "--workers", str(args.workers)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        started = time.perf_counter()
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.perf_counter() - started > 300:
                sys.exit("serve did not start: " + (base / "serve.log").read_text())
            time.sleep(0.2)
        startup = time.perf_counter() - started

        client = Client(port, token)
        for _ in range(2):  # each worker has built once
            client.call("POST", BUILD)
        api, cli = [], []
        for i in range(args.runs):  # interleaved, so both see the same load on a shared machine
            status, seconds, body = client.call("POST", BUILD)
            assert status == 200 and body.startswith(b"%PDF"), status
            api.append(seconds)
            cli.append(cli_build(workspace, base / f"cli-{i}"))
        same = body == (base / "cli-0" / "changxing-2020.pdf").read_bytes()
        usage = Usage(server.pid)
        usage.start()
        one = concurrent(port, token, 1, args.per_client * 2)
        one.update(usage.stop(one["requests"]))
        usage.start()
        many = concurrent(port, token, args.clients, args.per_client)
        many.update(usage.stop(many["requests"]))
        limit = ceiling(workspace, env, args.ceiling_builds)
        roles = [role(p, server.pid) for p in proc_tree(server.pid)]
        memory = [round(rss_mb(p)) for p in proc_tree(server.pid)]
        samples = soak(port, token, server.pid, args.soak_seconds, args.soak_requests, args.sample_every)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(120)
        shutil.rmtree(base, ignore_errors=True)

    api_p50, cli_p50 = statistics.median(api), statistics.median(cli)
    ratio = many["per_second"] / one["per_second"]
    print(f"## briefmaker serve on {cores()} cores, {args.workers} workers (start-up {startup:.1f} s; "
          f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)\n")
    print("| measurement | result | target |\n|---|---|---|")
    print(f"| sequential p50, seed PDF via API | {api_p50:.3f} s (CLI whole process {cli_p50:.3f} s): "
          f"**{api_p50 / cli_p50:.2f}×** | ≤ 0.35× |")
    print(f"| API bytes equal the CLI's | {same} | True |")
    print(f"| 1 client | {one['per_second']:.2f} req/s, p50 {one['p50']:.3f} s, p95 {one['p95']:.3f} s | |")
    print(f"| {args.clients} clients | {many['per_second']:.2f} req/s (**{ratio:.2f}×**), p50 {many['p50']:.3f} s, "
          f"p95 {many['p95']:.3f} s, errors {many['errors']} | ≥ 1.6×, 0 errors |")
    print(f"| the machine's ceiling: warm builds in 2 processes vs 1, no service | {limit['two']:.2f} vs "
          f"{limit['one']:.2f} builds/s: **{limit['ratio']:.2f}×** (load {limit['load'][0]:.1f} → "
          f"{limit['load'][1]:.1f}) | |")
    print(f"| memory (RSS, MB) | {', '.join(f'{r} {m}' for r, m in zip(roles, memory))} | |")
    print("\nWhat the machine gave each phase (CPU per request; cores: CPU time of server and workers over "
          "the wall time, at most the cores):\n")
    print("| phase | load average (start → end) | server CPU/request | workers CPU/request | cores used |")
    print("|---|---|---|---|---|")
    for label, phase in (("1 client", one), (f"{args.clients} clients", many)):
        print(f"| {label} | {phase['load'][0]:.1f} → {phase['load'][1]:.1f} | {phase['server_ms']:.0f} ms | "
              f"{phase['workers_ms']:.0f} ms | {phase['cores']:.2f} |")
    print(f"\nSoak: {samples[-1]['requests']} requests in {samples[-1]['t']} s, {samples[-1]['errors']} errors "
          f"(RSS in MB and open files: {', '.join(roles)})\n")
    print("| t (s) | requests | load average | RSS | open files |\n|---|---|---|---|---|")
    for s in samples:
        print(f"| {s['t']} | {s['requests']} | {s['load']:.1f} | {' / '.join(map(str, s['rss']))} | "
              f"{' / '.join(map(str, s['files']))} |")
    print("\n" + json.dumps({"api_p50": api_p50, "cli_p50": cli_p50, "throughput_ratio": ratio, "many": many,
                             "one": one, "ceiling": limit, "memory_mb": list(zip(roles, memory))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
