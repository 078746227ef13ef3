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
        return {"t": round(at), "requests": done[0], "errors": errors[0],
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
        one = concurrent(port, token, 1, args.per_client * 2)
        many = concurrent(port, token, args.clients, args.per_client)
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
    print(f"| 1 client | {one['per_second']:.2f} req/s, p50 {one['p50']:.3f} s | |")
    print(f"| {args.clients} clients | {many['per_second']:.2f} req/s (**{ratio:.2f}×**), p50 {many['p50']:.3f} s, "
          f"p95 {many['p95']:.3f} s, errors {many['errors']} | ≥ 1.6×, 0 errors |")
    print(f"| memory (RSS, MB) | server {memory[0]}, workers {', '.join(map(str, memory[1:]))} | |")
    print(f"\nSoak: {samples[-1]['requests']} requests in {samples[-1]['t']} s, {samples[-1]['errors']} errors "
          "(RSS in MB and open files: server, then each worker)\n")
    print("| t (s) | requests | RSS | open files |\n|---|---|---|---|")
    for s in samples:
        print(f"| {s['t']} | {s['requests']} | {' / '.join(map(str, s['rss']))} | {' / '.join(map(str, s['files']))} |")
    print("\n" + json.dumps({"api_p50": api_p50, "cli_p50": cli_p50, "throughput_ratio": ratio, "many": many,
                             "one": one, "memory_mb": memory}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
